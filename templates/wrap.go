package templates

import (
	"fmt"
	"reflect"
)

var (
	stringType    = reflect.TypeOf("")
	stringsType   = reflect.TypeOf([]string(nil))
	stringMapType = reflect.TypeOf(map[string]string(nil))
	anyType       = reflect.TypeOf((*any)(nil)).Elem()
	anysType      = reflect.TypeOf([]any(nil))
	anyMapType    = reflect.TypeOf(map[string]any(nil))
)

// acceptText makes fn, a template function, work on the model's string
// types: text/template passes a Text only to a parameter of type any, so
// each string parameter becomes an any that takes a string, a Str (its raw
// text) or another string type. When a Text, URL or Handle went in, the
// string that comes out (alone, or in a slice or a map) is connpass text
// again (Text), and prints escaped: {{ upper .Event.Title }} is as safe as
// {{ .Event.Title }}. A function without string parameters is fn itself.
func acceptText(name string, fn any) any {
	if f, ok := fastText(name, fn); ok {
		return f
	}
	return reflectText(name, fn)
}

// reflectText is acceptText for any function, by reflection.
func reflectText(name string, fn any) any {
	v := reflect.ValueOf(fn)
	t := v.Type()
	if t.Kind() != reflect.Func {
		return fn
	}
	n := t.NumIn()
	in := make([]reflect.Type, n)
	conv := make([]bool, n)
	changed := false
	for i := 0; i < n; i++ {
		p := t.In(i)
		switch {
		case p == stringType:
			in[i], conv[i] = anyType, true
		case t.IsVariadic() && i == n-1 && p == stringsType:
			in[i], conv[i] = anysType, true
		default:
			in[i] = p
		}
		changed = changed || conv[i]
	}
	if !changed {
		return fn
	}
	out := make([]reflect.Type, t.NumOut())
	retag := false
	for i := range out {
		out[i] = t.Out(i)
		if o := out[i]; i == 0 && (o == stringType || o == stringsType || o == stringMapType || o == anyMapType || o == anysType) {
			out[i], retag = anyType, true
		}
	}
	ft := reflect.FuncOf(in, out, t.IsVariadic())
	return reflect.MakeFunc(ft, func(args []reflect.Value) []reflect.Value {
		tainted := false
		call := make([]reflect.Value, 0, len(args))
		arg := func(a reflect.Value) {
			s, u := stringArg(name, a)
			tainted = tainted || u
			call = append(call, reflect.ValueOf(s))
		}
		for i, a := range args {
			switch {
			case t.IsVariadic() && i == n-1: // Call builds the slice again
				for j := 0; j < a.Len(); j++ {
					if conv[i] {
						arg(a.Index(j))
					} else {
						call = append(call, a.Index(j))
					}
				}
			case conv[i]:
				arg(a)
			default:
				call = append(call, a)
			}
		}
		res := v.Call(call)
		if retag {
			x := res[0].Interface()
			if tainted {
				x = asText(x)
			}
			res[0] = reflect.ValueOf(&x).Elem()
		}
		return res
	}).Interface()
}

// fastText is acceptText without reflection for the commonest signatures
// (half of sprig's string functions, ours, and splitList): making a
// function take Text by reflection costs more than a template's parse
// (reflect.FuncOf and MakeFunc), and each call costs more too.
func fastText(name string, fn any) (any, bool) {
	str := func(a any) (string, bool) { return stringArg(name, reflect.ValueOf(&a).Elem()) }
	switch f := fn.(type) {
	case func(string) string:
		return func(a any) any {
			s, t := str(a)
			return retag(f(s), t)
		}, true
	case func(string, string) string:
		return func(a, b any) any {
			s1, t1 := str(a)
			s2, t2 := str(b)
			return retag(f(s1, s2), t1 || t2)
		}, true
	case func(string, string, string) string:
		return func(a, b, c any) any {
			s1, t1 := str(a)
			s2, t2 := str(b)
			s3, t3 := str(c)
			return retag(f(s1, s2, s3), t1 || t2 || t3)
		}, true
	case func(int, string) string:
		return func(n int, a any) any {
			s, t := str(a)
			return retag(f(n, s), t)
		}, true
	case func(string, string) []string: // splitList
		return func(a, b any) any {
			s1, t1 := str(a)
			s2, t2 := str(b)
			l := f(s1, s2)
			if t1 || t2 {
				return asText(l)
			}
			return l
		}, true
	case func(string) Markdown:
		return func(a any) Markdown {
			s, _ := str(a)
			return f(s)
		}, true
	case func(string) (Markdown, error): // xlink, speakerdeck
		return func(a any) (Markdown, error) {
			s, _ := str(a)
			return f(s)
		}, true
	case func(string, string) bool:
		return func(a, b any) bool {
			s1, _ := str(a)
			s2, _ := str(b)
			return f(s1, s2)
		}, true
	}
	return nil, false
}

// retag is s, as connpass text when it came from some.
func retag(s string, tainted bool) any {
	if tainted {
		return Text(s)
	}
	return s
}

// stringArg is the string a function gets for a, and whether it was
// connpass text. Anything not a string is an error, as text/template's own
// would be (the panic becomes the template's error).
func stringArg(name string, a reflect.Value) (s string, tainted bool) {
	x := a.Interface()
	switch y := x.(type) {
	case string:
		return y, false
	case Str:
		return y.Raw(), untrusted(y)
	}
	if x != nil && reflect.TypeOf(x).Kind() == reflect.String {
		return reflect.ValueOf(x).String(), false
	}
	panic(fmt.Errorf("wrong type for value; expected string; got %T", x))
}

// asText makes a function's result from connpass text connpass text again.
func asText(x any) any {
	switch y := x.(type) {
	case string:
		return Text(y)
	case []string:
		out := make([]Text, len(y))
		for i, s := range y {
			out[i] = Text(s)
		}
		return out
	case map[string]string:
		out := make(map[string]Text, len(y))
		for k, s := range y {
			out[k] = Text(s)
		}
		return out
	case map[string]any: // urlParse's parts
		out := make(map[string]any, len(y))
		for k, v := range y {
			out[k] = asText(v)
		}
		return out
	case []any:
		out := make([]any, len(y))
		for i, v := range y {
			out[i] = asText(v)
		}
		return out
	}
	return x
}
