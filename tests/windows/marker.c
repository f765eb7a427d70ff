/*
 * marker.c — the marker process of tests/e2e/5080-windows-collector.sh,
 * run under Wine beside vigie-collect.exe: it listens on 127.0.0.1:PORT,
 * holds FILE open, writes its pid to READY and waits to be killed. The
 * test then looks for this pid, its socket and its file in the capture.
 *
 *   marker.exe PORT FILE READY
 */
#include <winsock2.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	WSADATA			wd;
	SOCKET			s;
	struct sockaddr_in	a;
	HANDLE			f;
	FILE			*r;

	if (argc != 4)
		return 2;
	WSAStartup(MAKEWORD(2, 2), &wd);
	s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((u_short)atoi(argv[1]));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s == INVALID_SOCKET || bind(s, (struct sockaddr *)&a,
	    sizeof(a)) != 0 || listen(s, 1) != 0)
		return 1;
	f = CreateFileA(argv[2], GENERIC_READ | GENERIC_WRITE,
	    FILE_SHARE_READ, NULL, CREATE_ALWAYS, 0, NULL);
	if (f == INVALID_HANDLE_VALUE)
		return 1;
	if ((r = fopen(argv[3], "w")) == NULL)
		return 1;
	fprintf(r, "%lu\n", (unsigned long)GetCurrentProcessId());
	fclose(r);
	Sleep(INFINITE);
	return 0;
}
