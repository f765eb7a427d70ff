import "pe"
rule a { strings: $a = "alpha" condition: uint16(0) == 0x5a4d and $a and pe.is_dll() }
rule b { strings: $b = "beta" condition: $b or pe.exports("f") }
rule c { strings: $c = "gamma" condition: $c }
