/*
 * droppers.yar — small files whose only job is to fetch and start
 * malware: shortcuts (LNK) that run a command line, HTML applications
 * (HTA), Windows Script (JS, VBS) downloaders, and disk images (ISO,
 * IMG) that carry a shortcut or a program. Written for vigie (see
 * docs/rules.md).
 */

rule VG_Dropper_LNK_Command
{
	meta:
		description = "Windows shortcut (LNK) that starts PowerShell, cmd, mshta or a script host"
		description_fr = "Raccourci Windows (LNK) qui lance PowerShell, cmd, mshta ou un interpréteur de scripts"
		severity = "high"
		reference = "https://attack.mitre.org/techniques/T1204/002/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$p1 = "powershell" ascii wide nocase
		$p2 = "cmd.exe" ascii wide nocase
		$p3 = "mshta" ascii wide nocase
		$p4 = "wscript" ascii wide nocase
		$p5 = "cscript" ascii wide nocase
		$p6 = "rundll32" ascii wide nocase
		$p7 = "regsvr32" ascii wide nocase
		$p8 = "certutil" ascii wide nocase
		$p9 = "bitsadmin" ascii wide nocase
	condition:
		uint32(0) == 0x0000004C and uint32(4) == 0x00021401 and
		filesize < 100KB and any of them
}

rule VG_Dropper_HTA
{
	meta:
		description = "HTML application (HTA) that starts programs or downloads files"
		description_fr = "Application HTML (HTA) qui lance des programmes ou télécharge des fichiers"
		severity = "high"
		reference = "https://attack.mitre.org/techniques/T1218/005/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$hta = "<hta:application" ascii nocase
		$s1 = "WScript.Shell" ascii nocase
		$s2 = "Shell.Application" ascii nocase
		$s3 = "powershell" ascii nocase
		$s4 = "MSXML2.XMLHTTP" ascii nocase
		$s5 = "ADODB.Stream" ascii nocase
		$s6 = "CreateObject" ascii nocase
	condition:
		filesize < 2MB and $hta and 2 of ($s*)
}

rule VG_Dropper_Script_Downloader
{
	meta:
		description = "Windows script (JS, VBS) that downloads a file and runs it"
		description_fr = "Script Windows (JS, VBS) qui télécharge un fichier puis l'exécute"
		severity = "high"
		reference = "https://attack.mitre.org/techniques/T1059/005/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$obj1 = "WScript.Shell" ascii wide nocase
		$obj2 = "Shell.Application" ascii wide nocase
		$net1 = "MSXML2.XMLHTTP" ascii wide nocase
		$net2 = "WinHttp.WinHttpRequest" ascii wide nocase
		$net3 = "MSXML2.ServerXMLHTTP" ascii wide nocase
		$save1 = "ADODB.Stream" ascii wide nocase
		$save2 = "SaveToFile" ascii wide nocase
		$run1 = ".Run(" ascii wide nocase
		$run2 = ".Run " ascii wide nocase
		$run3 = ".ShellExecute" ascii wide nocase
		$run4 = ".Exec(" ascii wide nocase
	condition:
		filesize < 1MB and any of ($obj*) and any of ($net*) and
		any of ($save*) and any of ($run*)
}

rule VG_Dropper_Disk_Image_With_Payload
{
	meta:
		description = "Disk image (ISO, IMG) holding a shortcut, script or program: a way around e-mail filters"
		description_fr = "Image disque (ISO, IMG) contenant un raccourci, un script ou un programme : contournement des filtres de messagerie"
		severity = "medium"
		reference = "https://attack.mitre.org/techniques/T1553/005/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$e1 = ".LNK;1" ascii nocase
		$e2 = ".EXE;1" ascii nocase
		$e3 = ".JS;1" ascii nocase
		$e4 = ".VBS;1" ascii nocase
		$e5 = ".HTA;1" ascii nocase
		$e6 = ".BAT;1" ascii nocase
		$e7 = ".DLL;1" ascii nocase
		$e8 = ".CMD;1" ascii nocase
	condition:
		filesize < 200MB and uint32be(0x8001) == 0x43443030 and
		uint8(0x8005) == 0x31 and any of them
}
