import "pe"
rule a { strings: $a = "x" condition: $a and pe.is_dll(