//go:build js && wasm

package jsarg

import "syscall/js"

// Text is a JavaScript argument as Format writes it: numbers and booleans
// as the command line takes them, not as js.Value's String writes them
// ("<number: 0.1>").
func Text(v js.Value) string {
	switch v.Type() {
	case js.TypeUndefined, js.TypeNull:
		return Format(Absent, "", 0, false)
	case js.TypeString:
		return Format(String, v.String(), 0, false)
	case js.TypeNumber:
		return Format(Number, "", v.Float(), false)
	case js.TypeBoolean:
		return Format(Bool, "", 0, v.Bool())
	}
	return Format(Other, v.String(), 0, false)
}
