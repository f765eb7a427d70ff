@echo off
rem collect.bat - gathers what "vigie scan config --windows DIR" checks,
rem with the tools built into Windows only. Nothing is changed on the PC.
rem
rem Run it from the USB key, right-click > "Run as administrator", in the
rem session of the agent who uses the PC (HKCU is read from that session).
rem It writes the folder vigie-COMPUTERNAME next to itself; bring it back
rem and run:  vigie scan config --windows vigie-COMPUTERNAME
rem
rem Files written: manifest.txt, gpresult.xml, secedit.inf, reg\*.reg,
rem auditpol.txt, bitlocker.txt, defender.txt, firewall.txt, admins.txt,
rem updates.txt, antivirus.txt. A registry key that does not exist is written as
rem "[-KEY]" (known absent). Same layout as collect.ps1.

setlocal EnableExtensions
net session >nul 2>&1
if errorlevel 1 (
	echo Ce script doit etre lance en administrateur ^(clic droit ^> Executer en tant qu'administrateur^).
	echo This script must be run as administrator.
	pause
	exit /b 1
)

set "OUT=%~dp0vigie-%COMPUTERNAME%"
if exist "%OUT%" rmdir /s /q "%OUT%"
mkdir "%OUT%\reg" || exit /b 1
echo vigie: collecte dans / collecting into %OUT%

rem ---- whose settings ---------------------------------------------
rem "Run as administrator" from an agent's standard session runs under the
rem administrator's account, whose HKCU is not the agent's: per-user keys
rem are read from the console session user's hive (HKU\SID) when it is
rem loaded, and the manifest names that user (hkcu_user).
set "HKCUUSER=%USERDOMAIN%\%USERNAME%"
set "HKCUROOT=HKCU"
set "USID="
for /f "usebackq tokens=1,2 delims=|" %%a in (`powershell -NoProfile -Command "$u=(Get-CimInstance Win32_ComputerSystem).UserName; if ($u) { $s=(New-Object Security.Principal.NTAccount($u)).Translate([Security.Principal.SecurityIdentifier]).Value; if (Test-Path ('Registry::HKEY_USERS\'+$s)) { $u+'|'+$s } }" 2^>nul`) do (
	set "HKCUUSER=%%a"
	set "USID=%%b"
)
if defined USID set "HKCUROOT=HKU\%USID%"

rem ---- manifest ---------------------------------------------------
set "VGDATE="
for /f "usebackq delims=" %%d in (`powershell -NoProfile -Command "(Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')" 2^>nul`) do set "VGDATE=%%d"
> "%OUT%\manifest.txt" echo tool=collect.bat 1
>> "%OUT%\manifest.txt" echo computer=%COMPUTERNAME%
>> "%OUT%\manifest.txt" echo user=%USERDOMAIN%\%USERNAME%
>> "%OUT%\manifest.txt" echo hkcu_user=%HKCUUSER%
>> "%OUT%\manifest.txt" echo date=%VGDATE%

rem ---- policy -----------------------------------------------------
gpresult /x "%OUT%\gpresult.xml" /f >nul 2>&1
if errorlevel 1 gpresult /scope computer /x "%OUT%\gpresult.xml" /f >nul 2>&1
secedit /export /cfg "%OUT%\secedit.inf" /areas SECURITYPOLICY /quiet >nul 2>&1

rem ---- registry -----------------------------------------------------
call :export "HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters" lanmanserver
call :export "HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters" lanmanworkstation
call :export "HKLM\SYSTEM\CurrentControlSet\Services\mrxsmb10" mrxsmb10
call :export "HKLM\SYSTEM\CurrentControlSet\Services\NetBT\Parameters" netbt
call :export "HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\DomainProfile" fw-domain
call :export "HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\StandardProfile" fw-private
call :export "HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\PublicProfile" fw-public
call :export "HKLM\SYSTEM\CurrentControlSet\Services\wuauserv" wuauserv
call :export "HKLM\SYSTEM\CurrentControlSet\Control\Lsa" lsa
call :export "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\WDigest" wdigest
call :export "HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server" terminal-server
call :export "HKLM\SOFTWARE\Policies" policies-machine
call :export "HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies" cv-policies-machine
call :export "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" nt-currentversion
call :export "HKLM\SOFTWARE\Microsoft\Office\ClickToRun\Configuration" office-c2r
call :export "HKLM\SOFTWARE\Microsoft\Office\16.0\Common\InstallRoot" office-msi
call :exportuser "Software\Policies" policies-user
call :exportuser "Control Panel\Desktop" desktop-user

rem ---- command outputs ----------------------------------------------
auditpol /get /category:* > "%OUT%\auditpol.txt" 2>&1
manage-bde -status > "%OUT%\bitlocker.txt" 2>&1
netsh advfirewall show allprofiles > "%OUT%\firewall.txt" 2>&1
powershell -NoProfile -Command "Get-MpComputerStatus | Format-List" > "%OUT%\defender.txt" 2>nul
rem Antivirus products registered in Windows Security Center.
powershell -NoProfile -Command "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | ForEach-Object { 'displayName  : ' + $_.displayName; 'productState : ' + $_.productState; '' }" > "%OUT%\antivirus.txt" 2>nul

rem The Administrators group has a translated name: find it by its SID.
set "ADMINS="
for /f "usebackq delims=" %%g in (`powershell -NoProfile -Command "(New-Object System.Security.Principal.SecurityIdentifier('S-1-5-32-544')).Translate([System.Security.Principal.NTAccount]).Value.Split('\')[-1]" 2^>nul`) do set "ADMINS=%%g"
if not defined ADMINS (
	net localgroup Administrators >nul 2>&1 && set "ADMINS=Administrators"
)
if not defined ADMINS set "ADMINS=Administrateurs"
net localgroup "%ADMINS%" > "%OUT%\admins.txt" 2>&1

powershell -NoProfile -Command "$h = Get-HotFix | Where-Object { $_.InstalledOn } | Sort-Object InstalledOn -Descending | Select-Object -First 1; if ($h) { 'HotFixID    : ' + $h.HotFixID; 'InstalledOn : ' + $h.InstalledOn.ToString('yyyy-MM-dd') }" > "%OUT%\updates.txt" 2>nul

echo vigie: termine / done. Dossier / folder: %OUT%
pause
exit /b 0

rem export KEY NAME: reg export, or "[-KEY]" when the key is absent.
:export
reg export "%~1" "%OUT%\reg\%~2.reg" /y >nul 2>&1
if errorlevel 1 (
	> "%OUT%\reg\%~2.reg" echo Windows Registry Editor Version 5.00
	>> "%OUT%\reg\%~2.reg" echo.
	>> "%OUT%\reg\%~2.reg" echo [-%~1]
)
exit /b 0

rem exportuser SUBKEY NAME: HKCU\SUBKEY of the session user, written as
rem HKEY_CURRENT_USER so that vigie reads it as the user's own settings.
:exportuser
if "%HKCUROOT%"=="HKCU" (
	call :export "HKCU\%~1" %~2
	exit /b 0
)
call :export "%HKCUROOT%\%~1" %~2
powershell -NoProfile -Command "$f='%OUT%\reg\%~2.reg'; (Get-Content -Encoding Unicode $f) | ForEach-Object { $_.Replace('[HKEY_USERS\%USID%','[HKEY_CURRENT_USER').Replace('[-%HKCUROOT%','[-HKCU') } | Out-File -FilePath $f -Encoding unicode" >nul 2>&1
exit /b 0
