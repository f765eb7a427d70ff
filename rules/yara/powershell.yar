/*
 * powershell.yar — PowerShell started with an encoded or hidden command
 * line, in scripts, batch files, shortcuts and scheduled tasks.
 * Written for vigie (see docs/rules.md).
 */

rule VG_PowerShell_Encoded_Command
{
	meta:
		description = "PowerShell run with a Base64-encoded command (-EncodedCommand), a common way to hide what it does"
		description_fr = "PowerShell lancé avec une commande encodée en Base64 (-EncodedCommand), procédé courant pour cacher ce qu'il fait"
		severity = "high"
		reference = "https://attack.mitre.org/techniques/T1059/001/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$ps = "powershell" ascii wide nocase
		$enc1 = /-enc(o|od|ode|oded|odedc|odedco|odedcom|odedcomm|odedcomma|odedcomman|odedcommand)?[ \t]+[A-Za-z0-9+\/]{40}/ ascii wide nocase
		$enc2 = /-ec[ \t]+[A-Za-z0-9+\/]{40}/ ascii wide nocase
		$enc3 = /[ \t]-e[ \t]+[A-Za-z0-9+\/]{40}/ ascii wide nocase
	condition:
		filesize < 5MB and $ps and any of ($enc*)
}

rule VG_PowerShell_Download_Execute
{
	meta:
		description = "PowerShell that downloads code and runs it in memory (download cradle)"
		description_fr = "PowerShell qui télécharge du code et l'exécute en mémoire"
		severity = "high"
		reference = "https://attack.mitre.org/techniques/T1105/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$dl1 = "DownloadString(" ascii wide nocase
		$dl2 = "DownloadData(" ascii wide nocase
		$dl3 = "Invoke-WebRequest" ascii wide nocase
		$dl4 = "Net.WebClient" ascii wide nocase
		$dl5 = "Start-BitsTransfer" ascii wide nocase
		$ex1 = "IEX" ascii wide
		$ex2 = "Invoke-Expression" ascii wide nocase
		$ex3 = "FromBase64String(" ascii wide nocase
		$ex4 = "[Reflection.Assembly]::Load" ascii wide nocase
	condition:
		filesize < 5MB and any of ($dl*) and any of ($ex*)
}
