#!/usr/bin/perl
# tests/servers/mailspf.pl PORT — a second SPF oracle for the RFC 7208
# suite run: Mail::SPF (libmail-spf-perl) against the DNS server on
# 127.0.0.1:PORT. Reads "IP<TAB>HELO<TAB>MAILFROM" lines on standard
# input, prints one result code (pass, fail, ...) a line.
use strict;
use warnings;
use Mail::SPF;
use Net::DNS::Resolver;

my $port = shift or die "usage: mailspf.pl PORT\n";
my $res = Net::DNS::Resolver->new(nameservers => ['127.0.0.1'],
    port => $port, udp_timeout => 2, tcp_timeout => 2, retry => 1,
    recurse => 1);
my $spf = Mail::SPF::Server->new(dns_resolver => $res);
$| = 1;
while (my $line = <STDIN>) {
	chomp $line;
	my ($ip, $helo, $from) = split /\t/, $line, 3;
	my $r = eval {
		my $req = Mail::SPF::Request->new(
		    scope => $from eq '' ? 'helo' : 'mfrom',
		    identity => $from eq '' ? $helo : $from,
		    ip_address => $ip, helo_identity => $helo);
		$spf->process($req)->code;
	};
	print defined $r ? "$r\n" : "error\n";
}
