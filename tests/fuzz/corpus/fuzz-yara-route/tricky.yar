import "pe"
rule r { strings: $d = "} condition: {" $r = /a\/}b/ $h = { 41 /* } */ 42 } condition: any of them and not pe.is_dll() }
// rule x { condition: true }
/* rule y { } */
