/*
 * eicar.yar — the EICAR anti-virus test file, to check that a scan
 * really runs. Written for vigie (rules/yara/, see docs/rules.md).
 */

rule VG_EICAR_Test_File
{
	meta:
		description = "EICAR anti-virus test file (harmless, used to check that scanners work)"
		description_fr = "Fichier de test antivirus EICAR (inoffensif, sert à vérifier qu'un antivirus fonctionne)"
		severity = "info"
		reference = "https://www.eicar.org/download-anti-malware-testfile/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
	condition:
		$eicar at 0 and filesize < 129
}
