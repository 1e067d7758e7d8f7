package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// checkVariables refuses variables whose JSON value is not of the type the
// operation declares, as the GraphQL specification's input coercion does
// and graphql-go does not: it turns a list given for a String into the
// string "[a b]", a 1.5 given for an Int into 1, "3" into 3, so that a
// mistaken client gets an answer to a question it did not ask. Variables
// are decoded from JSON (numbers are float64). Each error names the
// variable and, within an input object or list, the field or index:
// `variable "$input.text": want a String, got an array`. Variables whose
// type is unknown are left to validation, which reports them.
func checkVariables(s *graphql.Schema, op *ast.OperationDefinition, vars map[string]any) []gqlerrors.FormattedError {
	var errs []gqlerrors.FormattedError
	for _, def := range op.VariableDefinitions {
		if def == nil || def.Variable == nil || def.Variable.Name == nil {
			continue
		}
		t, ok := inputTypeFromAST(s, def.Type)
		if !ok {
			continue
		}
		name := "$" + def.Variable.Name.Value
		v, given := vars[def.Variable.Name.Value]
		if !given {
			continue // graphql-go's own check: a missing non-null variable
		}
		if msg := checkValue(t, v, &name); msg != "" {
			e := gqlerrors.NewFormattedError(fmt.Sprintf("variable %q: %s", name, msg))
			e.Extensions = map[string]any{"code": "BAD_USER_INPUT", "variable": name}
			errs = append(errs, e)
		}
	}
	return errs
}

// checkValue checks v against t; it gives "" when v fits, else why not,
// with *path extended to the part of v at fault.
func checkValue(t graphql.Type, v any, path *string) string {
	if nn, ok := t.(*graphql.NonNull); ok {
		if v == nil {
			return fmt.Sprintf("must not be null (%s)", nn)
		}
		t = nn.OfType
	}
	if v == nil {
		return ""
	}
	switch t := t.(type) {
	case *graphql.List:
		list, ok := v.([]any)
		if !ok {
			// one value where a list is wanted is a list of one
			return checkValue(t.OfType, v, path)
		}
		for i, item := range list {
			at := fmt.Sprintf("%s[%d]", *path, i)
			if msg := checkValue(t.OfType, item, &at); msg != "" {
				*path = at
				return msg
			}
		}
	case *graphql.InputObject:
		obj, ok := v.(map[string]any)
		if !ok {
			return fmt.Sprintf("want an input object %s, got %s", t.Name(), jsonKindOf(v))
		}
		fields := t.Fields()
		names := make([]string, 0, len(obj))
		for name := range obj {
			names = append(names, name)
		}
		sort.Strings(names) // the same error for the same request
		for _, name := range names {
			f, known := fields[name]
			if !known {
				*path += "." + name
				return fmt.Sprintf("%s has no field %q", t.Name(), name)
			}
			at := *path + "." + name
			if msg := checkValue(f.Type, obj[name], &at); msg != "" {
				*path = at
				return msg
			}
		}
	case *graphql.Enum:
		s, ok := v.(string)
		if !ok {
			return fmt.Sprintf("want a %s (one of its names as a string), got %s", t.Name(), jsonKindOf(v))
		}
		if t.ParseValue(s) == nil {
			return fmt.Sprintf("%q is not a value of %s", s, t.Name())
		}
	case *graphql.Scalar:
		return checkScalar(t, v)
	}
	return ""
}

// checkScalar checks a scalar's JSON value: String a string, ID a string
// or an integer, Int an integer of 32 bits, Float a finite number,
// Boolean a boolean; a custom scalar what its ParseValue takes.
func checkScalar(t *graphql.Scalar, v any) string {
	want := func(what string) string { return fmt.Sprintf("want %s, got %s", what, jsonKindOf(v)) }
	f, isNumber := number(v)
	switch t.Name() {
	case "String":
		if _, ok := v.(string); !ok {
			return want("a String")
		}
	case "ID":
		if _, ok := v.(string); !ok && !(isNumber && f == math.Trunc(f)) {
			return want("an ID (a string)")
		}
	case "Int":
		if !isNumber || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
			return want("an Int (a whole number of 32 bits)")
		}
	case "Float":
		if !isNumber || math.IsInf(f, 0) || math.IsNaN(f) {
			return want("a Float")
		}
	case "Boolean":
		if _, ok := v.(bool); !ok {
			return want("a Boolean")
		}
	default:
		if t.ParseValue(v) == nil {
			return want("a " + t.Name())
		}
	}
	return ""
}

// number gives a numeric value as a float64: variables decoded from JSON
// hold float64s, those of Execute's callers in Go may hold ints.
func number(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	}
	return 0, false
}

// jsonKindOf names a decoded JSON value's kind, and shows a short one.
func jsonKindOf(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 40 {
			return "a string"
		}
		return fmt.Sprintf("the string %q", v)
	case float64, float32, int, int32, int64, json.Number:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}
