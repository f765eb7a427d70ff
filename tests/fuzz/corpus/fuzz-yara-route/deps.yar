import "pe"
private rule p { strings: $g = "gamma" condition: $g }
rule u { condition: p and pe.timestamp > 0 or uint16(0) == 0x5a4d }
rule l { condition: for any i in (0..pe.number_of_sections - 1) : (pe.sections[i].name == ".text") }
rule o { strings: $x1 = "delta" $x2 = "beta" condition: 1 of ($x*) and (pe.number_of_signatures == 0 or $x2) }
