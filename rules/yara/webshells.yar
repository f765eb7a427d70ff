/*
 * webshells.yar — PHP, ASP(.NET) and JSP pages that run what a visitor
 * sends them: the typical backdoor left on a town-hall web site or
 * intranet. Written for vigie (see docs/rules.md).
 */

rule VG_Webshell_PHP_Eval_Input
{
	meta:
		description = "PHP webshell: runs code or commands taken from the web request"
		description_fr = "Webshell PHP : exécute du code ou des commandes reçus par la requête web"
		severity = "critical"
		reference = "https://attack.mitre.org/techniques/T1505/003/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$php = "<?" ascii
		$in1 = "$_POST[" ascii nocase
		$in2 = "$_GET[" ascii nocase
		$in3 = "$_REQUEST[" ascii nocase
		$in4 = "$_COOKIE[" ascii nocase
		$in5 = "php://input" ascii nocase
		$ex1 = /\b(eval|assert|system|passthru|shell_exec|popen|proc_open|exec)\s*\(\s*(base64_decode\s*\(\s*|gzinflate\s*\(\s*|str_rot13\s*\(\s*|stripslashes\s*\(\s*)*\$_(POST|GET|REQUEST|COOKIE)/ nocase
		$ex2 = /\b(eval|assert)\s*\(\s*(base64_decode|gzinflate|gzuncompress|str_rot13)\s*\(/ nocase
	condition:
		filesize < 2MB and $php and (
			$ex1 or ($ex2 and any of ($in*))
		)
}

rule VG_Webshell_PHP_Obfuscated_Blob
{
	meta:
		description = "PHP file that decodes and runs a long hidden blob (typical of packed webshells)"
		description_fr = "Fichier PHP qui décode puis exécute un long bloc caché (typique des webshells compressés)"
		severity = "high"
		reference = "https://attack.mitre.org/techniques/T1027/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$php = "<?php" ascii nocase
		$run = /\b(eval|assert)\s*\(\s*(gzinflate|gzuncompress|gzdecode|str_rot13)\s*\(\s*base64_decode\s*\(\s*['"][A-Za-z0-9+\/=]{200}/ nocase
	condition:
		filesize < 4MB and $php and $run
}

rule VG_Webshell_ASP
{
	meta:
		description = "ASP or ASP.NET webshell: runs what the web request sends"
		description_fr = "Webshell ASP ou ASP.NET : exécute ce que la requête web envoie"
		severity = "critical"
		reference = "https://attack.mitre.org/techniques/T1505/003/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$tag1 = "<%" ascii
		$tag2 = "runat=\"server\"" ascii nocase
		$ex1 = /\b(eval|execute|executeglobal)\s*\(?\s*request(\.form|\.querystring|\.item)?\s*[\(\[]/ nocase
		$ex2 = /process\.start\s*\(\s*["']cmd(\.exe)?["']/ nocase
		$ex3 = "Server.CreateObject(\"WScript.Shell\")" ascii nocase
		$in1 = "Request.Form" ascii nocase
		$in2 = "Request.QueryString" ascii nocase
		$in3 = "Request(\"" ascii nocase
		$in4 = "Request.Item" ascii nocase
	condition:
		filesize < 2MB and any of ($tag*) and (
			$ex1 or (($ex2 or $ex3) and any of ($in*))
		)
}

rule VG_Webshell_JSP
{
	meta:
		description = "JSP webshell: runs a system command taken from the web request"
		description_fr = "Webshell JSP : exécute une commande système reçue par la requête web"
		severity = "critical"
		reference = "https://attack.mitre.org/techniques/T1505/003/"
		date = "2026-11-25"
		author = "vigie"
	strings:
		$tag = "<%" ascii
		$rt = "Runtime.getRuntime().exec(" ascii
		$pb = "new ProcessBuilder(" ascii
		$in = "request.getParameter(" ascii
	condition:
		filesize < 2MB and $tag and ($rt or $pb) and $in
}
