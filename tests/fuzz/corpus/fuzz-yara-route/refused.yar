import "pe"
rule n { condition: pe.is_pe == 0 }
