package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"

	"tend/backend"
)

var errorType = reflect.TypeFor[error]()

// method is one bound method reachable as POST /api/<Struct>/<Method>.
type method struct {
	structName string
	name       string
	fn         reflect.Value
	params     []reflect.Type
	returnsErr bool // the last result is an error
	hasResult  bool // a value comes before the optional error
}

// MethodRef names a bound method; the contract test enumerates them.
type MethodRef struct{ Struct, Method string }

// bind indexes every exported method of every binding (pointers to structs), exactly the set the
// Wails runtime binds for the desktop window.
func bind(bindings []any) (map[string]map[string]*method, error) {
	out := make(map[string]map[string]*method)
	for _, b := range bindings {
		v := reflect.ValueOf(b)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return nil, fmt.Errorf("binding %T is not a pointer to a struct", b)
		}
		structName := v.Elem().Type().Name()
		if _, dup := out[structName]; dup {
			return nil, fmt.Errorf("two bindings are named %s", structName)
		}
		methods := make(map[string]*method)
		t := v.Type()
		for i := range t.NumMethod() {
			m := t.Method(i)
			fn := v.Method(i)
			ft := fn.Type()
			bm := &method{structName: structName, name: m.Name, fn: fn}
			for p := range ft.NumIn() {
				bm.params = append(bm.params, ft.In(p))
			}
			switch ft.NumOut() {
			case 0:
			case 1:
				bm.returnsErr = ft.Out(0) == errorType
				bm.hasResult = !bm.returnsErr
			case 2:
				if ft.Out(1) != errorType {
					return nil, fmt.Errorf("%s.%s: the second result must be an error", structName, m.Name)
				}
				bm.returnsErr, bm.hasResult = true, true
			default:
				return nil, fmt.Errorf("%s.%s: at most a value and an error may be returned", structName, m.Name)
			}
			methods[m.Name] = bm
		}
		out[structName] = methods
	}
	return out, nil
}

// Methods lists every method of the bindings, sorted.
func Methods(bindings []any) ([]MethodRef, error) {
	index, err := bind(bindings)
	if err != nil {
		return nil, err
	}
	var refs []MethodRef
	for s, methods := range index {
		for m := range methods {
			refs = append(refs, MethodRef{Struct: s, Method: m})
		}
	}
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].Struct != refs[j].Struct {
			return refs[i].Struct < refs[j].Struct
		}
		return refs[i].Method < refs[j].Method
	})
	return refs, nil
}

// decodeArgs reads the JSON array body into the method's parameters, naming the argument at fault.
func (m *method) decodeArgs(body []byte) ([]reflect.Value, error) {
	var raw []json.RawMessage
	if len(bytes.TrimSpace(body)) > 0 {
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, backend.Wrap(backend.EINVALID, err,
				"The request body must be a JSON array of the arguments of %s.%s.", m.structName, m.name)
		}
	}
	if len(raw) != len(m.params) {
		return nil, backend.Errorf(backend.EINVALID, "%s.%s takes %d argument(s), got %d.",
			m.structName, m.name, len(m.params), len(raw))
	}
	args := make([]reflect.Value, len(m.params))
	for i, t := range m.params {
		ptr := reflect.New(t)
		if err := json.Unmarshal(raw[i], ptr.Interface()); err != nil {
			var typeErr *json.UnmarshalTypeError
			detail := err.Error()
			if errors.As(err, &typeErr) {
				detail = fmt.Sprintf("got a JSON %s where %s was expected", typeErr.Value, typeErr.Type)
				if typeErr.Field != "" {
					detail += " (field " + typeErr.Field + ")"
				}
			}
			return nil, backend.Wrap(backend.EINVALID, err, "Argument %d of %s.%s must be %s: %s.",
				i+1, m.structName, m.name, describeType(t), detail)
		}
		args[i] = ptr.Elem()
	}
	return args, nil
}

func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map:
		return "an object"
	case reflect.Struct:
		return "an object (" + t.String() + ")"
	case reflect.Pointer:
		return describeType(t.Elem()) + " or null"
	}
	return t.String()
}

// call invokes the method and splits its results into a value and an error; a panic becomes an
// internal error so one bad call cannot bring the server down.
func (m *method) call(args []reflect.Value) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in %s.%s: %v", m.structName, m.name, r)
		}
	}()
	out := m.fn.Call(args)
	if m.returnsErr {
		if e := out[len(out)-1]; !e.IsNil() {
			err = e.Interface().(error)
		}
	}
	if m.hasResult {
		result = out[0].Interface()
	}
	return result, err
}
