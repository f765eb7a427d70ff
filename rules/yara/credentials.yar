/*
 * credentials.yar — traces of password theft: Mimikatz and its
 * commands, memory dumps of LSASS, and scripts that copy browser
 * password stores. Written for vigie (see docs/rules.md).
 */

rule VG_Credential_Mimikatz
{
	meta:
		description = "Mimikatz password-theft tool, or a script that calls its commands"
		description_fr = "Outil de vol de mots de passe Mimikatz, ou script qui utilise ses commandes"
		severity = "critical"
		reference = "https://attack.mitre.org/software/S0002/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$c1 = "sekurlsa::logonpasswords" ascii wide nocase
		$c2 = "sekurlsa::pth" ascii wide nocase
		$c3 = "lsadump::sam" ascii wide nocase
		$c4 = "lsadump::dcsync" ascii wide nocase
		$c5 = "privilege::debug" ascii wide nocase
		$c6 = "kerberos::golden" ascii wide nocase
		$a1 = "gentilkiwi" ascii wide nocase
		$a2 = "mimikatz" ascii wide nocase
		$a3 = "Invoke-Mimikatz" ascii wide nocase
	condition:
		2 of them
}

rule VG_Credential_LSASS_Dump
{
	meta:
		description = "Command that dumps the memory of LSASS, where Windows keeps logged-on users' secrets"
		description_fr = "Commande qui copie la mémoire de LSASS, où Windows garde les secrets des utilisateurs connectés"
		severity = "critical"
		reference = "https://attack.mitre.org/techniques/T1003/001/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$m1 = /comsvcs(\.dll)?[",\s]+(#\s*24|MiniDump)/ ascii wide nocase
		$m2 = /procdump(64)?(\.exe)?\s+(-\S+\s+)*-ma\s+lsass/ ascii wide nocase
		$m3 = /rundll32(\.exe)?\s+\S*comsvcs/ ascii wide nocase
	condition:
		filesize < 5MB and any of them
}

rule VG_Credential_Browser_Store_Theft
{
	meta:
		description = "Script that reads the password stores of web browsers and their decryption key"
		description_fr = "Script qui lit les mots de passe enregistrés des navigateurs web et leur clé de chiffrement"
		severity = "high"
		reference = "https://attack.mitre.org/techniques/T1555/003/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$db = "Login Data" ascii wide
		$ls = "Local State" ascii wide
		$key = "encrypted_key" ascii wide
		$dp1 = "CryptUnprotectData" ascii wide nocase
		$dp2 = "ProtectedData" ascii wide
		$dp3 = "win32crypt" ascii wide
		$ff = "logins.json" ascii wide
		$ff2 = "key4.db" ascii wide
	condition:
		filesize < 5MB and (
			($db and $ls and $key and any of ($dp*)) or
			($ff and $ff2 and any of ($dp*))
		)
}
