#!/usr/bin/python3
"""4000-config-fixtures.py — builds the fixtures of the 4xxx tests of
`vigie scan config`, in the formats the real systems write:

  linux DIR good|bad        a Linux root file-system tree
  windows DIR VARIANT       a folder as rules/collect/ scripts write it;
                            VARIANT: good-en, bad-en (collect.ps1 style:
                            UTF-16 LE with BOM) or good-fr, bad-fr
                            (collect.bat style on a French Windows: console
                            outputs in CP850, a REGEDIT4 file, no BOM...)
  hives MOUNT good|bad      a Windows volume: Windows/System32/config/
                            {SYSTEM,SOFTWARE,SAM} and Users/*/NTUSER.DAT,
                            built with hivexsh from an empty hive

Each "good" fixture passes every check that its kind of source can
answer, each "bad" one fails them all (tests/e2e/4001..4003 assert it).
The .reg exports and the hives come from one registry model, so both
paths are tested on the same settings. Run with Debian's /usr/bin/python3.
"""
import os
import struct
import subprocess
import sys
import time

# ---- helpers -----------------------------------------------------------

def write(path, data, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    if mode is not None:
        os.chmod(path, mode)


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def utf16(text, bom=True):
    return (b"\xff\xfe" if bom else b"") + crlf(text).encode("utf-16-le")


# ---- Linux trees ----------------------------------------------------------

def linux(root, good):
    r = lambda p: os.path.join(root, p.lstrip("/"))
    for d in ("etc", "usr/bin", "usr/sbin", "usr/local/bin", "boot", "opt",
              "srv", "var/lib/dpkg/info", "var/log", "var/spool/cron/crontabs",
              "lib/systemd/system", "etc/systemd/system", "proc/net"):
        os.makedirs(r(d), exist_ok=True)
    for d in ("tmp", "var/tmp"):
        os.makedirs(r(d), exist_ok=True)
        os.chmod(r(d), 0o1777)

    # SSH: the drop-in directory is read first, first value wins.
    if good:
        write(r("/etc/ssh/sshd_config"),
              "Include /etc/ssh/sshd_config.d/*.conf\n"
              "PermitRootLogin %s\nPasswordAuthentication no\n"
              % os.environ.get("VG_FX_ROOTLOGIN", "no") +
              "KbdInteractiveAuthentication no\n"
              "Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com\n"
              "Match User sauvegarde\n  PasswordAuthentication yes\n")
        write(r("/etc/ssh/sshd_config.d/10-vigie.conf"),
              "# hardened\nPermitEmptyPasswords no\n")
    else:
        write(r("/etc/ssh/sshd_config"),
              "Include /etc/ssh/sshd_config.d/*.conf\n"
              "PermitRootLogin no\nProtocol 2,1\nMACs hmac-md5,hmac-sha1\n")
        write(r("/etc/ssh/sshd_config.d/50-old.conf"),
              "PermitRootLogin yes\nPermitEmptyPasswords=yes\n"
              "Ciphers aes128-cbc,3des-cbc\n")

    # Firewall
    # VG_FX_NFT: ufw off, nftables on with this chain (tests 4006).
    nft = os.environ.get("VG_FX_NFT")
    write(r("/etc/ufw/ufw.conf"), "# ufw\nENABLED=%s\nLOGLEVEL=low\n"
          % ("yes" if good and not nft else "no"))
    if nft:
        write(r("/etc/nftables.conf"), "#!/usr/sbin/nft -f\nflush ruleset\n"
              "table inet filter {\n\tchain %s {\n\t\ttype filter hook %s "
              "priority 0; policy drop;\n\t}\n\tchain output {\n\t\ttype "
              "filter hook output priority 0; policy accept;\n\t}\n}\n"
              % (nft, nft))

    # Packages: dpkg status and file lists
    pkgs = [("base-files", "12.4+deb12u8" if good else "11.1+deb11u9"),
            ("openssh-server", "1:9.2p1-2+deb12u3"),
            ("passwd", "1:4.13+dfsg1-1")]
    if os.environ.get("VG_FX_DESKTOP") == "kde":     # tests 4006
        pkgs += [("sddm", "0.19.0-5"), ("plasma-desktop", "4:5.27.5-2")]
    else:
        pkgs += [("gdm3", "43.0-3"), ("gnome-shell", "43.9-0+deb12u2")]
    if nft:
        pkgs += [("nftables", "1.0.6-2+deb12u2")]
    if good:
        pkgs += [("unattended-upgrades", "2.9.1+nmu3"), ("rsyslog", "8.2302.0-1")]
    else:
        pkgs += [("telnetd", "0.17+2.4-2"),
                 ("unattended-upgrades", "2.9.1+nmu3")]
    status = ""
    for name, ver in pkgs:
        st = "install ok installed"
        if not good and name == "unattended-upgrades":
            st = "deinstall ok config-files"
        status += ("Package: %s\nStatus: %s\nPriority: optional\n"
                   "Architecture: amd64\nVersion: %s\nDescription: %s\n"
                   " long description line\n\n" % (name, st, ver, name))
    write(r("/var/lib/dpkg/status"), status)
    write(r("/var/lib/dpkg/info/passwd.list"),
          "/.\n/usr\n/usr/bin\n/usr/bin/passwd\n/usr/bin/chsh\n")
    write(r("/usr/bin/passwd"), "#!/bin/sh\n", 0o4755)
    write(r("/usr/bin/chsh"), "#!/bin/sh\n", 0o4755)
    write(r("/etc/debian_version"), "12.8\n" if good else "11.9\n")
    write(r("/etc/apt/apt.conf.d/20auto-upgrades"),
          'APT::Periodic::Update-Package-Lists "1";\n'
          'APT::Periodic::Unattended-Upgrade "%s";\n' % ("1" if good else "0"))

    # Encryption, screen lock
    write(r("/etc/crypttab"), "# <target> <source> <key> <options>\n" +
          ("sda3_crypt UUID=1d6e8f2a-8d0b-4b34-9d61-6a3c1a8a2f11 none "
           "luks,discard\n" if good else ""))
    if good:
        write(r("/etc/dconf/db/local.d/00-lock"),
              "[org/gnome/desktop/session]\nidle-delay=uint32 600\n\n"
              "[org/gnome/desktop/screensaver]\nlock-enabled=true\n")
    else:
        write(r("/etc/dconf/db/local.d/00-lock"),
              "[org/gnome/desktop/session]\nidle-delay=uint32 0\n\n"
              "[org/gnome/desktop/screensaver]\nlock-enabled=false\n")

    # Accounts
    passwd = ("root:x:0:0:root:/root:/bin/bash\n"
              "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
              "alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\n")
    shadow = ("root:$y$j9T$abc$def:19700:0:99999:7:::\n"
              "daemon:*:19700:0:99999:7:::\n")
    if good:
        shadow += "alice:$y$j9T$ghi$jkl:19700:0:99999:7:::\n"
    else:
        passwd += "toor:x:0:0::/root:/bin/bash\n"
        shadow += "alice::19700:0:99999:7:::\ntoor:!:19700::::::\n"
    write(r("/etc/passwd"), passwd, 0o644)
    write(r("/etc/group"), "root:x:0:\nshadow:x:42:\nsudo:x:27:alice\n", 0o644)
    write(r("/etc/shadow"), shadow, 0o640 if good else 0o644)
    write(r("/etc/sudoers"), "Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n"
          "%sudo ALL=(ALL:ALL) ALL\n# alice ALL=(ALL) NOPASSWD: ALL\n", 0o440)
    if not good:
        write(r("/etc/sudoers.d/prestataire"),
              "alice ALL=(ALL) NOPASSWD: ALL\n", 0o440)

    # Permissions
    if not good:
        write(r("/etc/motd.d/annonce"), "Bienvenue\n", 0o666)
        os.makedirs(r("/srv/depot"), exist_ok=True)
        os.chmod(r("/srv/depot"), 0o777)
        write(r("/usr/local/bin/sauvegarde"), "#!/bin/sh\n", 0o4755)

    # Samba
    if good:
        write(r("/etc/samba/smb.conf"),
              "[global]\n   workgroup = MAIRIE\n   server min protocol = SMB2_10\n"
              "   map to guest = never\n\n[partage]\n   path = /srv/partage\n"
              "   guest ok = no\n   read only = no\n")
    else:
        write(r("/etc/samba/smb.conf"),
              "[global]\n   workgroup = MAIRIE\n   Server Min  Protocol = NT1\n\n"
              "[public]\n   path = /srv/public\n   Guest OK = yes\n")

    # cron
    write(r("/etc/crontab"), "SHELL=/bin/sh\nPATH=/usr/sbin:/usr/bin\n"
          "17 * * * * root cd / && run-parts --report /etc/cron.hourly\n")
    os.makedirs(r("/etc/cron.d"), exist_ok=True)
    os.makedirs(r("/etc/cron.daily"), exist_ok=True)
    write(r("/etc/cron.daily/logrotate"), "#!/bin/sh\n", 0o755)
    if good:
        write(r("/etc/cron.d/sauvegarde"),
              "MAILTO=root\n30 2 * * * root /usr/local/sbin/sauvegarde.sh\n")
        write(r("/usr/local/sbin/sauvegarde.sh"), "#!/bin/sh\n", 0o755)
        write(r("/var/spool/cron/crontabs/alice"),
              "@reboot /usr/bin/true\n", 0o600)
    else:
        write(r("/etc/cron.d/sauvegarde"),
              "30 2 * * * root /tmp/sauvegarde.sh > /dev/null 2>&1\n")
        write(r("/tmp/sauvegarde.sh"), "#!/bin/sh\n", 0o755)

    # systemd
    write(r("/lib/systemd/system/ssh.service"),
          "[Service]\nExecStartPre=/usr/sbin/sshd -t\n"
          "ExecStart=/usr/sbin/sshd -D $SSHD_OPTS\n")
    write(r("/lib/systemd/system/systemd-timesyncd.service"),
          "[Service]\nExecStart=!!/lib/systemd/systemd-timesyncd\n")
    os.makedirs(r("/etc/systemd/system/multi-user.target.wants"), exist_ok=True)
    os.symlink("/lib/systemd/system/ssh.service",
               r("/etc/systemd/system/multi-user.target.wants/ssh.service"))
    if nft:
        write(r("/lib/systemd/system/nftables.service"),
              "[Service]\nType=oneshot\nExecStart=/usr/sbin/nft -f "
              "/etc/nftables.conf\n")
        os.symlink("/lib/systemd/system/nftables.service",
                   r("/etc/systemd/system/multi-user.target.wants/"
                     "nftables.service"))
    if good:
        os.makedirs(r("/etc/systemd/system/sysinit.target.wants"),
                    exist_ok=True)
        os.symlink("/lib/systemd/system/systemd-timesyncd.service",
                   r("/etc/systemd/system/sysinit.target.wants/"
                     "systemd-timesyncd.service"))
    else:
        write(r("/etc/systemd/system/maj-auto.service"),
              "[Service]\nType=oneshot\nExecStart=-/var/tmp/maj-auto --quiet\n")

    # Logs
    if good:
        os.makedirs(r("/var/log/journal"), exist_ok=True)
    write(r("/etc/logrotate.conf"), "weekly\nrotate %d\ncreate\n"
          "include /etc/logrotate.d\n" % (13 if good else 2))

    # Listening sockets (as /proc/net/tcp shows them)
    head = ("  sl  local_address rem_address   st tx_queue rx_queue tr "
            "tm->when retrnsmt   uid  timeout inode\n")
    line = ("   %d: %s %s %s 00000000:00000000 00:00000000 00000000     0"
            "        0 %d 1 0000000000000000 100 0 0 10 0\n")
    rows = [("00000000:0016", "00000000:0000", "0A"),
            ("0100007F:0019", "00000000:0000", "0A"),
            ("0F02000A:0016", "6502000A:D431", "01")]
    if not good:
        rows.append(("00000000:0CEA", "00000000:0000", "0A"))
    write(r("/proc/net/tcp"), head + "".join(
        line % (i, a, b, s, 1000 + i) for i, (a, b, s) in enumerate(rows)))
    write(r("/proc/net/tcp6"), head + line % (
        0, "00000000000000000000000000000000:0016",
        "00000000000000000000000000000000:0000", "0A", 2000))

    # Kernel parameters
    if good:
        write(r("/etc/sysctl.d/90-vigie.conf"),
              "# hardened\nnet.ipv4.conf.all.accept_redirects = 0\n")
    else:
        write(r("/etc/sysctl.d/10-perf.conf"), "kernel.randomize_va_space=0\n")
    write(r("/etc/sysctl.conf"), "#net.ipv4.ip_forward=1\n")


# ---- The Windows registry model ------------------------------------------

DWORD, SZ, EXPAND, BINARY, MULTI = 4, 1, 2, 3, 7

CCS = "HKLM\\SYSTEM\\CurrentControlSet"
NTCV = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
FWP = CCS + "\\Services\\SharedAccess\\Parameters\\FirewallPolicy"
CVP = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies"
POL = "HKLM\\SOFTWARE\\Policies"


def registry(good):
    """key -> {value name: (type, data)}; a key mapped to None is absent."""
    g = good
    k = {}
    k[CCS + "\\Services\\LanmanServer\\Parameters"] = {
        "SMB1": (DWORD, 0 if g else 1),
        "RequireSecuritySignature": (DWORD, 1 if g else 0),
        "ServiceDll": (EXPAND, "%SystemRoot%\\system32\\srvsvc.dll"),
        "NullSessionPipes": (MULTI, ["", ""] if g else ["netlogon"]),
    }
    k[CCS + "\\Services\\LanmanWorkstation\\Parameters"] = {
        "AllowInsecureGuestAuth": (DWORD, 0 if g else 1),
        "EnablePlainTextPassword": (DWORD, 0),
    }
    guest_unset = os.environ.get("VG_FX_GUEST") == "unset"   # tests 4006
    if guest_unset:
        del k[CCS + "\\Services\\LanmanWorkstation\\Parameters"][
            "AllowInsecureGuestAuth"]
    k[CCS + "\\Services\\mrxsmb10"] = None if g else {"Start": (DWORD, 2)}
    k[CCS + "\\Services\\NetBT\\Parameters"] = {"NodeType": (DWORD, 8)}
    k[CCS + "\\Services\\NetBT\\Parameters\\Interfaces"] = {}
    k[CCS + "\\Services\\NetBT\\Parameters\\Interfaces\\Tcpip_"
      "{5B9C7F7E-1D2A-4F4C-9A1B-2C3D4E5F6A7B}"] = {
        "NetbiosOptions": (DWORD, 2)}
    k[CCS + "\\Services\\NetBT\\Parameters\\Interfaces\\Tcpip_"
      "{8E0D6A55-3B21-4C7E-8F90-112233445566}"] = {
        "NetbiosOptions": (DWORD, 2 if g else 0),
        "NameServerList": (MULTI, [])}
    for prof, on in (("DomainProfile", 1), ("StandardProfile", 1),
                     ("PublicProfile", 1 if g else 0)):
        k[FWP + "\\" + prof] = {
            "EnableFirewall": (DWORD, on),
            "DefaultInboundAction": (DWORD, 1 if g or prof != "PublicProfile"
                                     else 0),
            "DisableNotifications": (DWORD, 0)}
    k[CCS + "\\Services\\wuauserv"] = {
        "Start": (DWORD, 3), "ImagePath": (EXPAND,
        "%systemroot%\\system32\\svchost.exe -k netsvcs -p"),
        "DisplayName": (SZ, "@%systemroot%\\system32\\wuaueng.dll,-105")}
    k[CCS + "\\Control\\Lsa"] = {
        "NoLMHash": (DWORD, 1 if g else 0),
        "LimitBlankPasswordUse": (DWORD, 1),
        "Security Packages": (MULTI, ['""'])}
    k[CCS + "\\Control\\SecurityProviders\\WDigest"] = (
        {"Debuglevel": (DWORD, 0)} if g else
        {"UseLogonCredential": (DWORD, 1), "Debuglevel": (DWORD, 0)})
    k[CCS + "\\Control\\Terminal Server"] = {
        "fDenyTSConnections": (DWORD, 1 if g else 0),
        "TSUserEnabled": (DWORD, 0)}
    k[CCS + "\\Control\\Terminal Server\\WinStations"] = {}
    k[CCS + "\\Control\\Terminal Server\\WinStations\\RDP-Tcp"] = {
        "UserAuthentication": (DWORD, 1 if g else 0),
        "PortNumber": (DWORD, 3389)}
    k[CCS + "\\Control\\ComputerName\\ComputerName"] = {
        "ComputerName": (SZ, "MAIRIE-ACCUEIL")}

    # HKLM\SOFTWARE\Policies
    k[POL] = {}
    k[POL + "\\Microsoft"] = {}
    k[POL + "\\Microsoft\\Windows"] = {}
    k[POL + "\\Microsoft\\Windows NT"] = {}
    if g:
        k[POL + "\\Microsoft\\Windows NT\\DNSClient"] = {
            "EnableMulticast": (DWORD, 0)}
        k[POL + "\\Microsoft\\Windows\\LanmanWorkstation"] = {} \
            if guest_unset else {"AllowInsecureGuestAuth": (DWORD, 0)}
        k[POL + "\\Microsoft\\Windows\\PowerShell"] = {}
        k[POL + "\\Microsoft\\Windows\\PowerShell\\ScriptBlockLogging"] = {
            "EnableScriptBlockLogging": (DWORD, 1)}
        k[POL + "\\Microsoft\\Windows Defender"] = {}
    else:
        k[POL + "\\Microsoft\\Windows\\WindowsUpdate"] = {}
        k[POL + "\\Microsoft\\Windows\\WindowsUpdate\\AU"] = {
            "NoAutoUpdate": (DWORD, 1), "AUOptions": (DWORD, 2)}
        k[POL + "\\Microsoft\\Windows Defender"] = {
            "DisableAntiSpyware": (DWORD, 1)}
        k[POL + "\\Microsoft\\Windows Defender\\Real-Time Protection"] = {
            "DisableRealtimeMonitoring": (DWORD, 1)}

    # HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies
    k[CVP] = {}
    k[CVP + "\\Explorer"] = {
        "NoDriveTypeAutoRun": (DWORD, 255 if g else 0x91)}
    if g:
        k[CVP + "\\Explorer"]["NoAutorun"] = (DWORD, 1)
    k[CVP + "\\System"] = {"EnableLUA": (DWORD, 1 if g else 0),
                           "ConsentPromptBehaviorAdmin": (DWORD, 5)}
    if g:
        k[CVP + "\\System"]["InactivityTimeoutSecs"] = (DWORD, 600)
    # Good: 25H2 Pro (supported until 2027-10-12); bad: 23H2 Pro (ended
    # 2025-11-11). The lifecycle table of WIN-OS-01 is tested on its
    # dates in 4006.
    k[NTCV] = {"CurrentBuild": (SZ, os.environ.get("VG_FX_BUILD",
                                                   "26200" if g else "22631")),
               "CurrentBuildNumber": (SZ, "26200" if g else "22631"),
               "EditionID": (SZ, os.environ.get("VG_FX_EDITION",
                                                "Professional")),
               "InstallationType": (SZ, "Client"),
               "ProductName": (SZ, "Windows 10 Pro"),
               "DisplayVersion": (SZ, "25H2" if g else "23H2"),
               "RegisteredOwner": (SZ, "Mairie de Saint-Été")}
    k[NTCV + "\\Winlogon"] = {"AutoAdminLogon": (SZ, "0")}
    k["HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration"] = {
        "Platform": (SZ, "x64"), "VersionToReport": (SZ, "16.0.17928.20156")}
    k["HKLM\\SOFTWARE\\Microsoft\\Office\\16.0\\Common\\InstallRoot"] = None

    # The user's own settings
    off = "HKCU\\Software\\Policies\\Microsoft\\Office\\16.0"
    k["HKCU\\Software\\Policies"] = {}
    k["HKCU\\Software\\Policies\\Microsoft"] = {}
    k["HKCU\\Software\\Policies\\Microsoft\\Office"] = {}
    k[off] = {}
    apps = ("Word", "Excel", "PowerPoint") if g else ("Word",)
    if os.environ.get("VG_FX_OFFICE") == "default":
        apps = ()                        # no Office policy at all
    for app in apps:
        k[off + "\\" + app] = {}
        k[off + "\\" + app + "\\Security"] = {
            "blockcontentexecutionfrominternet": (DWORD, 1),
            "vbawarnings": (DWORD, 4 if g else 1)}
    k["HKCU\\Control Panel\\Desktop"] = {
        "ScreenSaveActive": (SZ, "1" if g else "0"),
        "ScreenSaverIsSecure": (SZ, "1" if g else "0"),
        "ScreenSaveTimeOut": (SZ, "600" if g else "3600"),
        "Wallpaper": (SZ, "C:\\Users\\agent\\Images\\Mairie été.jpg"),
        "UserPreferencesMask": (BINARY, bytes([0x9e, 0x1e, 0x07, 0x80,
                                               0x12, 0x00, 0x00, 0x00]))}
    return k


# What collect.bat / collect.ps1 export, file name -> key.
EXPORTS = [
    ("lanmanserver", CCS + "\\Services\\LanmanServer\\Parameters"),
    ("lanmanworkstation", CCS + "\\Services\\LanmanWorkstation\\Parameters"),
    ("mrxsmb10", CCS + "\\Services\\mrxsmb10"),
    ("netbt", CCS + "\\Services\\NetBT\\Parameters"),
    ("fw-domain", FWP + "\\DomainProfile"),
    ("fw-private", FWP + "\\StandardProfile"),
    ("fw-public", FWP + "\\PublicProfile"),
    ("wuauserv", CCS + "\\Services\\wuauserv"),
    ("lsa", CCS + "\\Control\\Lsa"),
    ("wdigest", CCS + "\\Control\\SecurityProviders\\WDigest"),
    ("terminal-server", CCS + "\\Control\\Terminal Server"),
    ("policies-machine", POL),
    ("cv-policies-machine", CVP),
    ("nt-currentversion", NTCV),
    ("office-c2r", "HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration"),
    ("office-msi", "HKLM\\SOFTWARE\\Microsoft\\Office\\16.0\\Common\\InstallRoot"),
    ("policies-user", "HKCU\\Software\\Policies"),
    ("desktop-user", "HKCU\\Control Panel\\Desktop"),
]


def long_root(key):
    return (key.replace("HKLM\\", "HKEY_LOCAL_MACHINE\\", 1)
               .replace("HKCU\\", "HKEY_CURRENT_USER\\", 1))


def hexbytes(prefix, data):
    """reg.exe's hex lines: ~80 columns, "\\" continuations."""
    out, line = [], prefix
    for i, b in enumerate(data):
        item = "%02x" % b + ("," if i < len(data) - 1 else "")
        if len(line) + len(item) > 77:
            out.append(line + "\\")
            line = "  "
        line += item
    out.append(line)
    return "\n".join(out)


def reg_value(name, t, v, ansi=False):
    n = "@" if name == "" else '"%s"' % name.replace("\\", "\\\\").replace(
        '"', '\\"')
    if t == DWORD:
        return "%s=dword:%08x" % (n, v)
    if t == SZ:
        return '%s="%s"' % (n, v.replace("\\", "\\\\").replace('"', '\\"'))
    enc = (lambda s: s.encode("cp1252") + b"\0") if ansi else (
        lambda s: s.encode("utf-16-le") + b"\0\0")
    if t == EXPAND:
        return hexbytes("%s=hex(2):" % n, enc(v))
    if t == MULTI:
        data = b"".join(enc(s) for s in v) + (b"\0" if ansi else b"\0\0")
        return hexbytes("%s=hex(7):" % n, data)
    return hexbytes("%s=hex:" % n, v)


def reg_file(model, root, ansi=False):
    """The text of `reg export ROOT`, or None if the key is absent."""
    if model.get(root, 0) is None or root not in model:
        return None
    head = "REGEDIT4" if ansi else "Windows Registry Editor Version 5.00"
    parts = [head, ""]
    for key in sorted(k for k in model if k == root or k.startswith(root + "\\")):
        if model[key] is None:
            continue
        parts.append("[%s]" % long_root(key))
        for name, (t, v) in model[key].items():
            parts.append(reg_value(name, t, v, ansi))
        parts.append("")
    return "\n".join(parts) + "\n"


# ---- Windows artifacts ------------------------------------------------------

GP_NS = ('xmlns="http://www.microsoft.com/GroupPolicy/Rsop" '
         'xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')


def gpresult(good, fr):
    acc = [("MinimumPasswordLength", 14 if good else 6),
           ("LockoutBadCount", 5 if good else 0),
           ("MaximumPasswordAge", 365)]
    accounts = "".join(
        "<q1:Account><GPO xmlns=\"http://www.microsoft.com/GroupPolicy/"
        "Settings/Base\"><Identifier xmlns=\"http://www.microsoft.com/"
        "GroupPolicy/Types\">{31B2F340-016D-11D2-945F-00C04FB984F9}"
        "</Identifier></GPO><q1:Name>%s</q1:Name><q1:SettingNumber>%d"
        "</q1:SettingNumber><q1:Type>Password</q1:Type></q1:Account>"
        % (n, v) for n, v in acc)
    accounts += ("<q1:Account><q1:Name>ClearTextPassword</q1:Name>"
                 "<q1:SettingBoolean>%s</q1:SettingBoolean><q1:Type>Password"
                 "</q1:Type></q1:Account>" % ("false" if good else "true"))
    secopt = ("<q1:SecurityOptions><q1:SystemAccessPolicyName>"
              "EnableGuestAccount</q1:SystemAccessPolicyName>"
              "<q1:SettingNumber>%d</q1:SettingNumber></q1:SecurityOptions>"
              % (0 if good else 1))
    secopt += ("<q1:SecurityOptions><q1:KeyName>MACHINE\\System\\"
               "CurrentControlSet\\Control\\Lsa\\LimitBlankPasswordUse"
               "</q1:KeyName><q1:SettingNumber>1</q1:SettingNumber>"
               "<q1:Display><q1:Name>%s</q1:Name></q1:Display>"
               "</q1:SecurityOptions>" % (
                   "Comptes : restreindre l’utilisation de mots de passe "
                   "vides" if fr else "Accounts: Limit local account use "
                   "of blank passwords"))
    pol = ("<q2:Policy><q2:Name>%s</q2:Name><q2:State>Enabled</q2:State>"
           "<q2:Category>Network/DNS Client</q2:Category></q2:Policy>" % (
               "Désactiver la résolution de noms multidiffusion" if fr else
               "Turn off multicast name resolution"))
    name = "WORKGROUP\\MAIRIE-ACCUEIL"
    return ('<?xml version="1.0" encoding="utf-16"?>\n'
            '<Rsop %s>\n  <ReadTime>2026-11-20T10:00:00.0000000Z</ReadTime>\n'
            '  <ComputerResults>\n    <Version>2</Version>\n'
            '    <Name>%s</Name>\n    <Domain>WORKGROUP</Domain>\n'
            '    <ExtensionData>\n      <Extension xmlns:q1="http://www.'
            'microsoft.com/GroupPolicy/Settings/Security" xsi:type="q1:'
            'SecuritySettings">%s%s</Extension>\n      <Name>Security</Name>\n'
            '    </ExtensionData>\n    <ExtensionData>\n      <Extension '
            'xmlns:q2="http://www.microsoft.com/GroupPolicy/Settings/Registry"'
            ' xsi:type="q2:RegistrySettings">%s</Extension>\n'
            '      <Name>Registry</Name>\n    </ExtensionData>\n'
            '  </ComputerResults>\n  <UserResults><Name>MAIRIE-ACCUEIL\\agent'
            '</Name></UserResults>\n</Rsop>\n'
            % (GP_NS, name, accounts, secopt, pol))


def secedit(good):
    return ("[Unicode]\nUnicode=yes\n[System Access]\n"
            "MinimumPasswordAge = 0\nMaximumPasswordAge = 42\n"
            "MinimumPasswordLength = %d\nPasswordComplexity = 1\n"
            "PasswordHistorySize = 0\nLockoutBadCount = %d\n"
            "ResetLockoutCount = 15\nLockoutDuration = 15\n"
            "RequireLogonToChangePassword = 0\nForceLogoffWhenHourExpire = 0\n"
            'NewAdministratorName = "Administrateur"\n'
            'NewGuestName = "Invité"\nClearTextPassword = %d\n'
            "LSAAnonymousNameLookup = 0\nEnableAdminAccount = 0\n"
            "EnableGuestAccount = %d\n[Event Audit]\nAuditSystemEvents = 0\n"
            "AuditLogonEvents = %d\nAuditObjectAccess = 0\n"
            "[Registry Values]\n"
            "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,%d\n"
            "MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies"
            "\\System\\LegalNoticeText=7,Mairie,Accès réservé\n"
            "MACHINE\\System\\CurrentControlSet\\Services\\LanManServer"
            "\\Parameters\\NullSessionShares=7,\n"
            "[Privilege Rights]\nSeNetworkLogonRight = *S-1-1-0,*S-1-5-32-544\n"
            "SeDenyNetworkLogonRight = *S-1-5-32-546\n"
            '[Version]\nsignature="$CHICAGO$"\nRevision=1\n'
            % (12 if good else 0, 5 if good else 0, 0 if good else 1,
               0 if good else 1, 3 if good else 0, 1 if good else 0))


FW_EN = """
Domain Profile Settings: 
----------------------------------------------------------------------
State                                 ON
Firewall Policy                       BlockInbound,AllowOutbound
LocalFirewallRules                    N/A (GPO-store only)
LocalConSecRules                      N/A (GPO-store only)
InboundUserNotification               Enable
RemoteManagement                      Disable
UnicastResponseToMulticast            Enable

Logging:
LogAllowedConnections                 Disable
LogDroppedConnections                 Disable
FileName                              %%systemroot%%\\system32\\LogFiles\\Firewall\\pfirewall.log
MaxFileSize                           4096

Private Profile Settings: 
----------------------------------------------------------------------
State                                 ON
Firewall Policy                       BlockInbound,AllowOutbound
LocalFirewallRules                    N/A (GPO-store only)
InboundUserNotification               Enable

Logging:
LogAllowedConnections                 Disable
MaxFileSize                           4096

Public Profile Settings: 
----------------------------------------------------------------------
State                                 %s
Firewall Policy                       %s
LocalFirewallRules                    N/A (GPO-store only)
InboundUserNotification               Enable

Logging:
LogAllowedConnections                 Disable
MaxFileSize                           4096
Ok.

"""

FW_FR = """
Paramètres Profil de domaine : 
----------------------------------------------------------------------
État                                  Actif
Stratégie de pare-feu                 BlockInbound,AllowOutbound
LocalFirewallRules                    N/A (magasin d'objets de stratégie de groupe uniquement)
InboundUserNotification               Activer
RemoteManagement                      Désactiver

Journalisation :
LogAllowedConnections                 Désactiver
FileName                              %%systemroot%%\\system32\\LogFiles\\Firewall\\pfirewall.log

Paramètres Profil privé : 
----------------------------------------------------------------------
État                                  Actif
Stratégie de pare-feu                 BlockInbound,AllowOutbound
InboundUserNotification               Activer

Journalisation :
LogAllowedConnections                 Désactiver

Paramètres Profil public : 
----------------------------------------------------------------------
État                                  %s
Stratégie de pare-feu                 %s
InboundUserNotification               Activer

Journalisation :
LogAllowedConnections                 Désactiver
Ok.

"""

AUDIT_EN = """System audit policy
Category/Subcategory                      Setting
System
  Security System Extension               No Auditing
  System Integrity                        Success and Failure
Logon/Logoff
  Logon                                   %s
  Logoff                                  Success
  Account Lockout                         Success
Object Access
  File System                             No Auditing
"""

AUDIT_FR = """Stratégie d'audit du système
Catégorie/Sous-catégorie                  Paramètre
Système
  Extension système de sécurité           Pas d'audit
  Intégrité du système                    Succès et échec
Ouverture/Fermeture de session
  Ouvrir la session                       %s
  Fermer la session                       Succès
  Verrouillage du compte                  Succès
Accès aux objets
  Système de fichiers                     Pas d'audit
"""

BDE_EN = """BitLocker Drive Encryption: Configuration Tool version 10.0.26100
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

Disk volumes that can be protected with
BitLocker Drive Encryption:
Volume C: [Windows]
[OS Volume]

    Size:                 237,84 GB
    BitLocker Version:    %s
    Conversion Status:    %s
    Percentage Encrypted: %s
    Encryption Method:    XTS-AES 128
    Protection Status:    %s
    Lock Status:          Unlocked
    Identification Field: Unknown
    Key Protectors:
        TPM
        Numerical Password

Volume D: [Donnees]
[Data Volume]

    Size:                 931,51 GB
    Conversion Status:    Fully Encrypted
    Protection Status:    Protection On
"""

BDE_FR = """Chiffrement de lecteur BitLocker : version de l’outil de configuration 10.0.26100
Copyright (C) 2013 Microsoft Corporation. Tous droits réservés.

Volumes de disque pouvant être protégés par
le chiffrement de lecteur BitLocker :
Volume C: [Windows]
[Volume du système d’exploitation]

    Taille :                        237,84 Go
    Version de BitLocker :          %s
    État de la conversion :         %s
    Pourcentage chiffré :           %s
    Méthode de chiffrement :        XTS-AES 128
    État de la protection :         %s
    État du verrouillage :          Déverrouillé
    Champ d’identification :        Inconnu
    Protecteurs de clés :
        TPM
        Mot de passe numérique
"""

DEFENDER = """

AMEngineVersion                 : 1.1.24090.11
AMRunningMode                   : Normal
AMServiceEnabled                : True
AntispywareEnabled              : True
AntispywareSignatureAge         : %d
AntivirusEnabled                : True
AntivirusSignatureAge           : %d
AntivirusSignatureLastUpdated   : %s
BehaviorMonitorEnabled          : True
IsTamperProtected               : True
RealTimeProtectionEnabled       : %s
ComputerState                   : 0

"""

ADMINS_EN = """Alias name     Administrators
Comment        Administrators have complete and unrestricted access to the computer/domain

Members

-------------------------------------------------------------------------------
%s
The command completed successfully.

"""

ADMINS_FR = """Nom d’alias    Administrateurs
Commentaire    Les membres du groupe Administrateurs disposent d’un accès complet et illimité à l’ordinateur et au domaine

Membres

-------------------------------------------------------------------------------
%s
La commande s’est terminée correctement.

"""


def windows(out, variant):
    good = variant.startswith("good")
    fr = variant.endswith("fr")
    ps = variant.endswith("en")          # collect.ps1 style: UTF-16 + BOM
    model = registry(good)
    p = lambda n: os.path.join(out, n)
    os.makedirs(p("reg"), exist_ok=True)

    def text(name, s, style=None):
        style = style or ("utf16" if ps else "oem")
        if style == "utf16":
            data = utf16(s)
        elif style == "utf16-nobom":
            data = utf16(s, bom=False)
        elif style == "utf8-bom":
            data = b"\xef\xbb\xbf" + crlf(s).encode("utf-8")
        else:                            # cmd.exe redirection, OEM page
            data = crlf(s).encode("cp850", errors="replace")
        write(p(name), data)

    text("manifest.txt", "tool=%s 1\ncomputer=MAIRIE-ACCUEIL\nuser="
         "MAIRIE-ACCUEIL\\admin-prestataire\nhkcu_user=MAIRIE-ACCUEIL\\"
         "agent\ndate=%s\n" % ("collect.ps1" if ps else "collect.bat",
                                os.environ.get("VG_FX_DATE",
                                               "2026-11-20T10:00:00Z")))
    for fname, root in EXPORTS:
        ansi = fr and fname == "desktop-user"     # one REGEDIT4 file
        txt = reg_file(model, root, ansi)
        if txt is None:
            # collect.bat writes this when reg export fails
            data = crlf("Windows Registry Editor Version 5.00\n\n[-%s]\n"
                        % root).encode("ascii")
        elif ansi:
            data = crlf(txt).encode("cp1252")
        else:
            data = utf16(txt)
        write(p("reg/%s.reg" % fname), data)

    # Policy: the English folders have secedit and gpresult, the French
    # ones gpresult only (policy then comes from it).
    gp = gpresult(good, fr)
    write(p("gpresult.xml"), b"\xff\xfe" + gp.encode("utf-16-le") if not
          (fr and not good) else gp.encode("utf-16-le"))  # one without BOM
    if not fr:
        write(p("secedit.inf"), utf16(secedit(good)))

    on = ("Actif" if good else "Inactif") if fr else ("ON" if good else "OFF")
    pol = "BlockInbound,AllowOutbound" if good else "AllowInbound,AllowOutbound"
    text("firewall.txt", (FW_FR if fr else FW_EN) % (on, pol))
    if fr:
        text("auditpol.txt", AUDIT_FR % ("Succès et échec" if good else
                                          "Pas d'audit"))
        text("bitlocker.txt", BDE_FR % (
            ("2.0", "Chiffrement complet", "100,0 %", "Protection activée")
            if good else ("Aucun", "Entièrement déchiffré", "0,0 %",
                          "Protection désactivée")))
    else:
        text("auditpol.txt", AUDIT_EN % ("Success and Failure" if good else
                                          "No Auditing"))
        text("bitlocker.txt", BDE_EN % (
            ("2.0", "Fully Encrypted", "100,0%", "Protection On") if good
            else ("None", "Fully Decrypted", "0,0%", "Protection Off")))
    age = 1 if good else 30
    text("defender.txt", DEFENDER % (age, age, "19/11/2026 08:12:03" if fr
                                     else "11/19/2026 8:12:03 AM",
                                     "True" if good else "False"),
         "utf16-nobom" if (fr and good) else
         ("utf8-bom" if (fr and not good) else None))
    # Security Center products (collect.ps1 only): good, Defender passive
    # (0x60100: off) behind another product on and up to date (0x41000);
    # bad, Defender alone, off and out of date (0x60110).
    if ps:
        av = os.environ.get("VG_FX_AV")
        if av is None:
            av = ("Windows Defender=393472,ESET Endpoint Security=266240"
                  if good else "Windows Defender=393488")
        if av != "none":
            text("antivirus.txt", "".join(
                "displayName  : %s\nproductState : %s\n\n"
                % tuple(x.split("=")) for x in av.split(",") if x))
    members = (["Administrateur", "admin-prestataire"] if good else
               ["Administrateur", "admin-prestataire", "agent", "secretaire"])
    if not fr:
        members = [m.replace("Administrateur", "Administrator")
                   for m in members]
    text("admins.txt", (ADMINS_FR if fr else ADMINS_EN) % "\n".join(members))
    text("updates.txt", "HotFixID    : KB5046617\nInstalledOn : %s\n"
         % ("2026-11-12" if good else "2026-06-10"))


# ---- Hives ------------------------------------------------------------------

def empty_hive(path):
    """A valid hive with an empty root key, for hivexsh -w to fill."""
    hb = bytearray(4096)
    hb[0:4] = b"hbin"
    struct.pack_into("<III", hb, 4, 0, 4096, 0)
    name = b"ROOT"
    nk = bytearray(0x4C + len(name))
    nk[0:2] = b"nk"
    struct.pack_into("<H", nk, 2, 0x2C)
    for off in (0x1C, 0x20, 0x28, 0x30):
        struct.pack_into("<I", nk, off, 0xFFFFFFFF)
    nksize = (4 + len(nk) + 7) & ~7
    skoff = 0x20 + nksize
    struct.pack_into("<I", nk, 0x2C, skoff)
    struct.pack_into("<H", nk, 0x48, len(name))
    nk[0x4C:] = name
    hb[0x20:0x20 + 4 + len(nk)] = struct.pack("<i", -nksize) + nk
    sd = struct.pack("<BBHIIII", 1, 0, 0x8004, 0, 0, 0, 0)
    sk = b"sk" + struct.pack("<HIIII", 0, skoff, skoff, 1, len(sd)) + sd
    sksize = (4 + len(sk) + 7) & ~7
    hb[skoff:skoff + 4 + len(sk)] = struct.pack("<i", -sksize) + sk
    free = skoff + sksize
    struct.pack_into("<i", hb, free, 4096 - free)
    base = bytearray(4096)
    base[0:4] = b"regf"
    struct.pack_into("<IIQIIIIIII", base, 4, 1, 1, 0, 1, 3, 0, 1, 0x20,
                     4096, 1)
    csum = 0
    for i in range(0, 0x1FC, 4):
        csum ^= struct.unpack_from("<I", base, i)[0]
    struct.pack_into("<I", base, 0x1FC, csum)
    write(path, bytes(base) + bytes(hb))


def hex_list(data):
    return ",".join("%02x" % b for b in data)


def hivexsh_value(t, v):
    if t == DWORD:
        return "dword:0x%08x" % v
    if t == SZ and all(ord(c) < 128 for c in v):
        return "string:" + v
    if t in (SZ, EXPAND):
        return "hex:%d:%s" % (t, hex_list(v.encode("utf-16-le") + b"\0\0"))
    if t == MULTI:
        return "hex:7:%s" % hex_list(b"".join(
            s.encode("utf-16-le") + b"\0\0" for s in v) + b"\0\0")
    return "hex:%d:%s" % (t, hex_list(v))


def build_hive(path, keys):
    """keys: [(path inside the hive, {name: (type, value)})]."""
    empty_hive(path)
    made, script = set(), []
    for key, values in keys:
        script.append("cd \\")
        parts = [x for x in key.split("\\") if x]
        for i, part in enumerate(parts):
            here = "\\".join(parts[:i + 1]).lower()
            if here not in made:
                script.append("add " + part)
                made.add(here)
            script.append("cd " + part)
        if values:
            script.append("setval %d" % len(values))
            for name, (t, v) in values.items():
                script += [name if name else "@", hivexsh_value(t, v)]
    script.append("commit")
    r = subprocess.run(["hivexsh", "-w", path], input="\n".join(script) + "\n",
                       text=True, capture_output=True)
    if r.returncode != 0:
        sys.exit("hivexsh failed on %s: %s" % (path, r.stderr))


def filetime(t):
    return int((t + 11644473600) * 10000000)


def sam_user_f(rid, last, disabled, logons):
    f = bytearray(0x50)
    struct.pack_into("<HH", f, 0, 3, 1)
    struct.pack_into("<Q", f, 8, filetime(last) if last else 0)
    struct.pack_into("<Q", f, 24, filetime(time.time() - 86400 * 30))
    struct.pack_into("<I", f, 48, rid)
    struct.pack_into("<I", f, 52, 513)
    struct.pack_into("<I", f, 56, 0x10 | (0x1 if disabled else 0))
    struct.pack_into("<H", f, 66, logons)
    return bytes(f)


def sam_user_v(name):
    v = bytearray(0xCC)
    data = name.encode("utf-16-le")
    struct.pack_into("<III", v, 0x0C, 0, len(data), 0)
    return bytes(v) + data + b"\0" * ((4 - len(data) % 4) % 4)


def sid(*subs):
    return struct.pack("<BB", 1, len(subs)) + b"\0\0\0\0\0\x05" + b"".join(
        struct.pack("<I", s) for s in subs)


def sam_alias_c(members):
    body = b"".join(members)
    c = bytearray(0x34)
    struct.pack_into("<I", c, 0x28, 0)
    struct.pack_into("<I", c, 0x2C, len(body))
    struct.pack_into("<I", c, 0x30, len(members))
    return bytes(c) + body


def sam_domain_f(minlen, lockout, complex_, cleartext):
    f = bytearray(0x58)
    struct.pack_into("<HH", f, 0, 3, 1)
    struct.pack_into("<q", f, 24, -42 * 86400 * 10000000)
    struct.pack_into("<q", f, 48, -30 * 60 * 10000000)
    struct.pack_into("<q", f, 56, -30 * 60 * 10000000)
    struct.pack_into("<I", f, 76, (1 if complex_ else 0) |
                     (0x10 if cleartext else 0))
    struct.pack_into("<HHH", f, 80, minlen, 0, lockout)
    return bytes(f)


def hives(mount, good):
    model = registry(good)
    now = time.time()
    cfg = os.path.join(mount, "Windows", "System32", "config")
    sys_keys = [("Select", {"Current": (DWORD, 1), "Default": (DWORD, 1)})]
    soft_keys, user_keys = [], []
    for key, values in sorted(model.items()):
        if values is None:
            continue
        if key.startswith(CCS + "\\"):
            sys_keys.append(("ControlSet001" + key[len(CCS):], values))
        elif key.startswith("HKLM\\SOFTWARE\\"):
            soft_keys.append((key[len("HKLM\\SOFTWARE\\"):], values))
        elif key.startswith("HKCU\\"):
            user_keys.append((key[5:], values))
    build_hive(os.path.join(cfg, "SYSTEM"), sys_keys)
    build_hive(os.path.join(cfg, "SOFTWARE"), soft_keys)

    domain = "SAM\\Domains\\Account"
    users = [(0x1F4, "Administrateur", 0, True, 3),
             (0x1F5, "Invité", 0, good, 0),
             (0x3E9, "agent", now - 86400 * 2, False, 412),
             (0x3EA, "admin-prestataire", now - 86400 * 20, False, 9)]
    if not good:
        users.append((0x3EB, "ancien-secretaire", now - 86400 * 200, False,
                      150))
    sam_keys = [(domain, {"F": (BINARY, sam_domain_f(
        12 if good else 0, 5 if good else 0, True, not good))}),
                (domain + "\\Users", {})]
    for rid, name, last, disabled, logons in users:
        sam_keys.append(("%s\\Users\\%08X" % (domain, rid), {
            "F": (BINARY, sam_user_f(rid, last, disabled, logons)),
            "V": (BINARY, sam_user_v(name))}))
    # RID 3EA is named with an accent-free ASCII key in Names.
    for rid, name, *_ in users:
        if all(ord(c) < 128 for c in name):
            sam_keys.append(("%s\\Users\\Names\\%s" % (domain, name),
                             {"": (rid, b"")}))
    members = [sid(21, 1111, 2222, 3333, 0x1F4),
               sid(21, 1111, 2222, 3333, 0x3EA)]
    if not good:
        members += [sid(21, 1111, 2222, 3333, 0x3E9),
                    sid(21, 1111, 2222, 3333, 0x3EB)]
    sam_keys.append(("SAM\\Domains\\Builtin\\Aliases\\00000220",
                     {"C": (BINARY, sam_alias_c(members))}))
    build_hive(os.path.join(cfg, "SAM"), sam_keys)

    # Two profiles: "agent" with the model's settings; in the bad volume
    # "secretaire" has none of the Office and screen-saver policies.
    build_hive(os.path.join(mount, "Users", "agent", "NTUSER.DAT"), user_keys)
    other = user_keys if good else [("Control Panel\\Desktop",
                                     {"ScreenSaveActive": (SZ, "0")})]
    build_hive(os.path.join(mount, "Users", "secretaire", "NTUSER.DAT"), other)
    os.makedirs(os.path.join(mount, "Users", "Public"), exist_ok=True)
    os.makedirs(os.path.join(mount, "Users", "Default"), exist_ok=True)


if __name__ == "__main__":
    kind, out, what = sys.argv[1], sys.argv[2], sys.argv[3]
    if kind == "linux":
        linux(out, what == "good")
    elif kind == "windows":
        windows(out, what)
    elif kind == "hives":
        hives(out, what == "good")
    else:
        sys.exit("unknown fixture kind " + kind)
