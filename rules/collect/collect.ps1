# collect.ps1 - gathers what "vigie scan config --windows DIR" checks,
# with what Windows ships only (PowerShell 5.1 and built-in commands).
# Nothing is changed on the PC.
#
# Run from the USB key in an elevated PowerShell, in the session of the
# agent who uses the PC:
#   powershell -ExecutionPolicy Bypass -File E:\collect.ps1
# It writes the folder vigie-COMPUTERNAME next to itself (same layout as
# collect.bat); bring it back and run:
#   vigie scan config --windows vigie-COMPUTERNAME
#
# Text files are written in UTF-16 LE with a BOM (PowerShell's "Unicode");
# .reg files come from reg.exe; secedit.inf and gpresult.xml from their
# tools. A registry key that does not exist is written as "[-KEY]".

$ErrorActionPreference = 'Continue'
$principal = New-Object Security.Principal.WindowsPrincipal(
    [Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole(
    [Security.Principal.WindowsBuiltInRole]::Administrator)) {
	Write-Host 'Ce script doit etre lance en administrateur.'
	Write-Host 'This script must be run as administrator.'
	exit 1
}

$out = Join-Path $PSScriptRoot ('vigie-' + $env:COMPUTERNAME)
if (Test-Path $out) { Remove-Item -Recurse -Force $out }
New-Item -ItemType Directory -Path (Join-Path $out 'reg') | Out-Null
Write-Host "vigie: collecte dans / collecting into $out"

function Save-Text([string]$name, $lines) {
	$lines | Out-File -FilePath (Join-Path $out $name) -Encoding unicode
}

# ---- whose settings -------------------------------------------------
# "Run as administrator" from an agent's standard session runs under the
# administrator's account: its HKCU is not the agent's. Per-user settings
# are therefore read from the hive of the user of the console session
# (HKU\SID), named in the manifest as hkcu_user.
$hkcuUser = "$env:USERDOMAIN\$env:USERNAME"
$hkcuRoot = 'HKCU'
try {
	$console = (Get-CimInstance Win32_ComputerSystem -ErrorAction Stop).UserName
	if ($console) {
		$usid = (New-Object Security.Principal.NTAccount($console)).Translate(
		    [Security.Principal.SecurityIdentifier]).Value
		if (Test-Path ('Registry::HKEY_USERS\' + $usid)) {
			$hkcuUser = $console
			$hkcuRoot = 'HKU\' + $usid
		}
	}
} catch { }

# ---- manifest ------------------------------------------------------
Save-Text 'manifest.txt' @(
	'tool=collect.ps1 1',
	"computer=$env:COMPUTERNAME",
	"user=$env:USERDOMAIN\$env:USERNAME",
	"hkcu_user=$hkcuUser",
	('date=' + (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ'))
)

# ---- policy ----------------------------------------------------------
& gpresult.exe /x (Join-Path $out 'gpresult.xml') /f 2>&1 | Out-Null
if ($LASTEXITCODE -ne 0) {
	& gpresult.exe /scope computer /x (Join-Path $out 'gpresult.xml') /f 2>&1 |
	    Out-Null
}
& secedit.exe /export /cfg (Join-Path $out 'secedit.inf') /areas SECURITYPOLICY /quiet 2>&1 |
    Out-Null

# ---- registry ----------------------------------------------------------
$keys = [ordered]@{
	'lanmanserver' = 'HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters'
	'lanmanworkstation' = 'HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters'
	'mrxsmb10' = 'HKLM\SYSTEM\CurrentControlSet\Services\mrxsmb10'
	'netbt' = 'HKLM\SYSTEM\CurrentControlSet\Services\NetBT\Parameters'
	'fw-domain' = 'HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\DomainProfile'
	'fw-private' = 'HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\StandardProfile'
	'fw-public' = 'HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\PublicProfile'
	'wuauserv' = 'HKLM\SYSTEM\CurrentControlSet\Services\wuauserv'
	'lsa' = 'HKLM\SYSTEM\CurrentControlSet\Control\Lsa'
	'wdigest' = 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\WDigest'
	'terminal-server' = 'HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server'
	'policies-machine' = 'HKLM\SOFTWARE\Policies'
	'cv-policies-machine' = 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies'
	'nt-currentversion' = 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
	'office-c2r' = 'HKLM\SOFTWARE\Microsoft\Office\ClickToRun\Configuration'
	'office-msi' = 'HKLM\SOFTWARE\Microsoft\Office\16.0\Common\InstallRoot'
	'policies-user' = 'HKCU\Software\Policies'
	'desktop-user' = 'HKCU\Control Panel\Desktop'
}
foreach ($name in $keys.Keys) {
	$file = Join-Path $out ('reg\' + $name + '.reg')
	$key = $keys[$name]
	$user = $key.StartsWith('HKCU\') -and $hkcuRoot -ne 'HKCU'
	if ($user) { $key = $hkcuRoot + $key.Substring(4) }
	& reg.exe export $key $file /y 2>&1 | Out-Null
	if ($LASTEXITCODE -ne 0) {
		Save-Text ('reg\' + $name + '.reg') @(
		    'Windows Registry Editor Version 5.00', '',
		    ('[-' + $keys[$name] + ']'))
	} elseif ($user) {
		# vigie reads them as HKEY_CURRENT_USER: the session user's.
		$hku = '[HKEY_USERS\' + $hkcuRoot.Substring(4)
		(Get-Content -Encoding Unicode $file) |
		    ForEach-Object { $_.Replace($hku, '[HKEY_CURRENT_USER') } |
		    Out-File -FilePath $file -Encoding unicode
	}
}

# ---- command outputs -----------------------------------------------------
Save-Text 'auditpol.txt' (& auditpol.exe /get /category:* 2>&1)
Save-Text 'bitlocker.txt' (& manage-bde.exe -status 2>&1)
Save-Text 'firewall.txt' (& netsh.exe advfirewall show allprofiles 2>&1)
try {
	Save-Text 'defender.txt' (Get-MpComputerStatus -ErrorAction Stop |
	    Format-List | Out-String -Width 200)
} catch {
	Save-Text 'defender.txt' ('Get-MpComputerStatus: ' + $_)
}

# Antivirus products registered in Windows Security Center (Defender
# goes passive when another one is installed).
try {
	Save-Text 'antivirus.txt' (Get-CimInstance -Namespace root/SecurityCenter2 `
	    -ClassName AntiVirusProduct -ErrorAction Stop | ForEach-Object {
		('displayName  : ' + $_.displayName)
		('productState : ' + $_.productState)
		''
	})
} catch { }

# The Administrators group has a translated name: find it by its SID.
$sid = New-Object Security.Principal.SecurityIdentifier('S-1-5-32-544')
$admins = $sid.Translate([Security.Principal.NTAccount]).Value.Split('\')[-1]
Save-Text 'admins.txt' (& net.exe localgroup $admins 2>&1)

$hf = Get-HotFix | Where-Object { $_.InstalledOn } |
    Sort-Object InstalledOn -Descending | Select-Object -First 1
if ($hf) {
	Save-Text 'updates.txt' @(
	    ('HotFixID    : ' + $hf.HotFixID),
	    ('InstalledOn : ' + $hf.InstalledOn.ToString('yyyy-MM-dd')))
}

Write-Host "vigie: termine / done. Dossier / folder: $out"
