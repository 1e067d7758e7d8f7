package schema

import (
	"fmt"
	"runtime/debug"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// declOrder records the order in which the schema declares its types,
// fields, arguments and enum values. graphql-go keeps them in maps; the
// SDL printer uses this order so schema.graphql reads as written.
type declOrder struct {
	types  []string
	fields map[string][]string // type name → field names (objects, input objects) or values (enums)
	args   map[string][]string // "Type.field" → argument names
}

// builder declares the types of one Schema.
type builder struct {
	s     *Schema
	order declOrder
	types []graphql.Type // every declared named type
}

func newBuilder(s *Schema) *builder {
	return &builder{s: s, order: declOrder{fields: map[string][]string{}, args: map[string][]string{}}}
}

// field declares one field of an object type.
type field struct {
	name    string
	typ     graphql.Output
	desc    string
	args    []arg
	resolve graphql.FieldResolveFn
}

// arg declares one argument of a field, or one field of an input type.
type arg struct {
	name string
	typ  graphql.Input
	desc string
	def  any // default value; nil: none
}

// enumValue declares one value of an enum.
type enumValue struct {
	name  string
	value any
	desc  string
}

func (b *builder) declare(t graphql.Type) {
	b.types = append(b.types, t)
	b.order.types = append(b.order.types, t.Name())
}

// object declares an object type without fields; fields adds them, so
// types can refer to each other.
func (b *builder) object(name, desc string) *graphql.Object {
	o := graphql.NewObject(graphql.ObjectConfig{Name: name, Description: desc, Fields: graphql.Fields{}})
	b.declare(o)
	return o
}

// fields adds fields to obj, each resolver guarded against panics.
func (b *builder) fields(obj *graphql.Object, fields ...field) {
	for _, f := range fields {
		if f.resolve == nil {
			panic(fmt.Sprintf("schema: %s.%s has no resolver", obj.Name(), f.name))
		}
		var args graphql.FieldConfigArgument
		if len(f.args) > 0 {
			args = graphql.FieldConfigArgument{}
			key := obj.Name() + "." + f.name
			for _, a := range f.args {
				args[a.name] = &graphql.ArgumentConfig{Type: a.typ, Description: a.desc, DefaultValue: a.def}
				b.order.args[key] = append(b.order.args[key], a.name)
			}
		}
		obj.AddFieldConfig(f.name, &graphql.Field{
			Name:        f.name,
			Type:        f.typ,
			Args:        args,
			Description: f.desc,
			Resolve:     b.guard(obj.Name()+"."+f.name, f.resolve),
		})
		b.order.fields[obj.Name()] = append(b.order.fields[obj.Name()], f.name)
	}
}

// input declares an input object type.
func (b *builder) input(name, desc string, fields ...arg) *graphql.InputObject {
	m := graphql.InputObjectConfigFieldMap{}
	for _, f := range fields {
		m[f.name] = &graphql.InputObjectFieldConfig{Type: f.typ, Description: f.desc, DefaultValue: f.def}
		b.order.fields[name] = append(b.order.fields[name], f.name)
	}
	t := graphql.NewInputObject(graphql.InputObjectConfig{Name: name, Description: desc, Fields: m})
	b.declare(t)
	return t
}

// enum declares an enum type.
func (b *builder) enum(name, desc string, values ...enumValue) *graphql.Enum {
	m := graphql.EnumValueConfigMap{}
	for _, v := range values {
		m[v.name] = &graphql.EnumValueConfig{Value: v.value, Description: v.desc}
		b.order.fields[name] = append(b.order.fields[name], v.name)
	}
	t := graphql.NewEnum(graphql.EnumConfig{Name: name, Description: desc, Values: m})
	b.declare(t)
	return t
}

// guard turns a panic in a resolver into a GraphQL error on that field
// and logs it, so one bad value does not take the server down.
func (b *builder) guard(name string, fn graphql.FieldResolveFn) graphql.FieldResolveFn {
	logger := b.s.cfg.Logger
	return func(p graphql.ResolveParams) (v any, err error) {
		defer func() {
			if r := recover(); r != nil {
				logger.Error("graphql resolver panicked", "field", name, "panic", r, "stack", string(debug.Stack()))
				v, err = nil, fmt.Errorf("internal error resolving %s", name)
			}
		}()
		return fn(p)
	}
}

// timeScalar declares Time: RFC 3339, or a date alone.
func (b *builder) timeScalar() *graphql.Scalar {
	t := graphql.NewScalar(graphql.ScalarConfig{
		Name: "Time",
		Description: "A point in time in RFC 3339 (`2014-06-11T08:00:00Z`), or a date alone " +
			"(`2014-06-11`) where the source gives no time of day. Served exactly as stored.",
		Serialize: serializeTime,
		ParseValue: func(v any) any {
			if s, ok := v.(string); ok && validTime(s) {
				return s
			}
			return nil
		},
		ParseLiteral: func(v ast.Value) any {
			if s, ok := v.(*ast.StringValue); ok && validTime(s.Value) {
				return s.Value
			}
			return nil
		},
	})
	b.declare(t)
	return t
}

func serializeTime(v any) any {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
		return v
	case time.Time:
		if v.IsZero() {
			return nil
		}
		return v.UTC().Format(time.RFC3339Nano)
	case *time.Time:
		if v == nil || v.IsZero() {
			return nil
		}
		return v.UTC().Format(time.RFC3339Nano)
	}
	return nil
}

// validTime reports whether s is RFC 3339 or a date YYYY-MM-DD.
func validTime(s string) bool {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}
