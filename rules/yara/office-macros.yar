/*
 * office-macros.yar — Office documents with macros that run by
 * themselves when the document is opened or closed, the usual first
 * step of an e-mail attack. Written for vigie (see docs/rules.md).
 *
 * In a legacy (OLE) document the VBA source is compressed with a
 * scheme (MS-OVBA) that copies short words literally, so the names of
 * auto-run procedures stay readable. In an OOXML document (.docm, .xlsm)
 * the project is zipped: only its presence can be seen without
 * unpacking, so that rule says "contains macros", not "runs them".
 */

rule VG_Office_OLE_AutoExec_Macro
{
	meta:
		description = "Legacy Office document (doc, xls) with a macro that runs automatically when opened"
		description_fr = "Document Office ancien format (doc, xls) avec une macro qui s'exécute toute seule à l'ouverture"
		severity = "high"
		reference = "https://attack.mitre.org/techniques/T1137/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$vba1 = "_VBA_PROJECT" wide
		$vba2 = "Attribute VB_Name" ascii
		$auto1 = "AutoOpen" ascii nocase
		$auto2 = "Document_Open" ascii nocase
		$auto3 = "Workbook_Open" ascii nocase
		$auto4 = "Auto_Open" ascii nocase
		$auto5 = "AutoExec" ascii nocase
		$auto6 = "Document_Close" ascii nocase
		$auto7 = "AutoClose" ascii nocase
	condition:
		uint32be(0) == 0xD0CF11E0 and uint32be(4) == 0xA1B11AE1 and
		any of ($vba*) and any of ($auto*)
}

rule VG_Office_OOXML_Macro_Enabled
{
	meta:
		description = "Office document (docm, xlsm, pptm) that contains a VBA macro project"
		description_fr = "Document Office (docm, xlsm, pptm) qui contient des macros VBA"
		severity = "medium"
		reference = "https://attack.mitre.org/techniques/T1137/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$vba = "vbaProject.bin" ascii
		$ct = "[Content_Types].xml" ascii
	condition:
		uint32be(0) == 0x504B0304 and $ct and $vba
}
