/*
 * ransomware.yar — ransom notes left beside encrypted files, in English
 * and French. The encrypted-file extensions themselves are in
 * rules/iocs/ransomware.names (file names, not content). Written for
 * vigie (see docs/rules.md).
 */

rule VG_Ransom_Note_EN
{
	meta:
		description = "Ransom note: text telling the victim their files are encrypted and how to pay"
		description_fr = "Note de rançon : texte annonçant que les fichiers sont chiffrés et comment payer"
		severity = "critical"
		reference = "https://www.cybermalveillance.gouv.fr/tous-nos-contenus/fiches-reflexes/rancongiciels-ransomwares"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$enc1 = "files have been encrypted" ascii wide nocase
		$enc2 = "files are encrypted" ascii wide nocase
		$enc3 = "files were encrypted" ascii wide nocase
		$enc4 = "network has been penetrated" ascii wide nocase
		$pay1 = "bitcoin" ascii wide nocase
		$pay2 = "decryption key" ascii wide nocase
		$pay3 = "decryptor" ascii wide nocase
		$pay4 = "tor browser" ascii wide nocase
		$pay5 = ".onion" ascii wide nocase
		$pay6 = "private key" ascii wide nocase
	condition:
		filesize < 200KB and any of ($enc*) and 2 of ($pay*)
}

rule VG_Ransom_Note_FR
{
	meta:
		description = "Ransom note in French"
		description_fr = "Note de rançon en français : les fichiers seraient chiffrés, contre paiement"
		severity = "critical"
		reference = "https://www.cybermalveillance.gouv.fr/tous-nos-contenus/fiches-reflexes/rancongiciels-ransomwares"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$enc1 = "fichiers ont été chiffrés" ascii wide nocase
		$enc2 = "fichiers ont ete chiffres" ascii wide nocase
		$enc3 = "fichiers sont chiffrés" ascii wide nocase
		$enc4 = "fichiers ont été cryptés" ascii wide nocase
		$pay1 = "bitcoin" ascii wide nocase
		$pay2 = "clé de déchiffrement" ascii wide nocase
		$pay3 = "rançon" ascii wide nocase
		$pay4 = "navigateur tor" ascii wide nocase
		$pay5 = ".onion" ascii wide nocase
		$pay6 = "déchiffr" ascii wide nocase
	condition:
		filesize < 200KB and any of ($enc*) and 2 of ($pay*)
}
