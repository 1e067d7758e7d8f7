package schema

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// The direct executor. graphql-go's executor costs more than the reads a
// query makes: for every field of every item it builds argument maps, a
// ResolveInfo, response paths and a result map, walks the value with
// reflection, and the response is then written from the nested maps
// (appendResult, in the order of the query). The direct executor runs
// the same resolvers over a plan compiled once per cached document and
// operation, and writes the JSON response as it goes, byte for byte what
// the graphql-go path writes for an answer without errors: members in
// the order of the query (CollectFields, ordered.go), values as the
// schema's Serialize functions give them, strings escaped as
// encoding/json escapes them with HTML escaping off.
//
// It handles queries whose selections have no directives, no
// introspection beyond __typename and no list or input-object arguments
// or variables: what notebooks and the query page send. Everything else,
// and every execution that meets an error (a resolver error, a null in a
// non-null position, a cancelled context), is left to graphql-go: the
// direct executor then gives up and the request is executed again by
// graphql.Execute, so error responses are graphql-go's own. Queries only
// read, so executing one twice changes nothing (a resolver that panics
// is logged twice).

// errNotDirect means the direct executor cannot answer the request as
// graphql-go would; graphql.Execute must.
var errNotDirect = errors.New("not for the direct executor")

// opPlan is an operation compiled for the direct executor.
type opPlan struct {
	op   *ast.OperationDefinition
	root *selPlan
	// nArgs is the number of fields with arguments; each has an index
	// into a request's argument memo.
	nArgs int
}

// selPlan is the fields one selection set collects for one object
// type, merged by response key, in the order of the response.
type selPlan struct {
	typ    *graphql.Object
	fields []*fieldPlan
}

// fieldPlan is one response key of a selection set.
type fieldPlan struct {
	key    string
	member []byte // `"key":`, with a leading comma unless first
	// typename is __typename: the parent type's name, no resolver.
	typename bool
	def      *graphql.FieldDefinition
	ast      *ast.Field // the first field node: its arguments count
	argIndex int        // into the argument memo; -1 without arguments
	sub      *selPlan   // the merged sub-selections of an object-typed field
}

// compilePlan compiles op of doc; ok is false when the direct executor
// does not handle it.
func compilePlan(s *graphql.Schema, doc *ast.Document, op *ast.OperationDefinition) (*opPlan, bool) {
	if op.Operation != ast.OperationTypeQuery || len(op.Directives) > 0 {
		return nil, false
	}
	for _, v := range op.VariableDefinitions {
		t, ok := inputTypeFromAST(s, v.Type)
		if !ok || !simpleInput(t) {
			return nil, false
		}
	}
	c := &planCompiler{schema: s, fragments: map[string]*ast.FragmentDefinition{}}
	for _, def := range doc.Definitions {
		switch def := def.(type) {
		case *ast.FragmentDefinition:
			if def.Name != nil {
				c.fragments[def.Name.Value] = def
			}
		case *ast.OperationDefinition:
		default:
			return nil, false
		}
	}
	root := s.QueryType()
	if root == nil {
		return nil, false
	}
	plan := &opPlan{op: op}
	sel, ok := c.selection(root, []*ast.SelectionSet{op.SelectionSet})
	if !ok {
		return nil, false
	}
	plan.root, plan.nArgs = sel, c.nArgs
	return plan, true
}

type planCompiler struct {
	schema    *graphql.Schema
	fragments map[string]*ast.FragmentDefinition
	nArgs     int
}

// selection collects the fields of sets for typ (CollectFields, giving
// up on directives) and compiles each response key, in the order of the
// response.
func (c *planCompiler) selection(typ *graphql.Object, sets []*ast.SelectionSet) (*selPlan, bool) {
	col := fieldCollector{fragments: c.fragments, include: noDirectives, applies: c.conditionMatches}
	collected, ok := col.collect(typ, sets)
	if !ok {
		return nil, false
	}
	plan := &selPlan{typ: typ}
	for _, key := range collected.keys {
		f, ok := c.field(typ, key, collected.fields[key])
		if !ok {
			return nil, false
		}
		if f == nil {
			continue // no such field: graphql-go leaves the key out
		}
		if len(plan.fields) > 0 {
			f.member = append(f.member, ',')
		}
		f.member = strconv.AppendQuote(f.member, key) // names are [_A-Za-z0-9]
		f.member = append(f.member, ':')
		plan.fields = append(plan.fields, f)
	}
	return plan, true
}

// noDirectives: the direct executor leaves selections with directives to
// graphql-go.
func noDirectives(directives []*ast.Directive) (include, ok bool) {
	return true, len(directives) == 0
}

// conditionMatches says whether a fragment's type condition applies to
// typ, as graphql-go's doesFragmentConditionMatch; ok is false for
// abstract types, which this schema does not have.
func (c *planCompiler) conditionMatches(cond *ast.Named, typ graphql.Type) (match, ok bool) {
	if cond == nil {
		return true, true
	}
	if cond.Name == nil {
		return false, true
	}
	t := c.schema.Type(cond.Name.Value)
	switch t := t.(type) {
	case nil:
		return false, true
	case *graphql.Object:
		return t == typ || t.Name() == typ.Name(), true
	}
	return false, false
}

// field compiles one response key; nil, true when graphql-go would leave
// it out (no field of that name).
func (c *planCompiler) field(parent *graphql.Object, key string, asts []*ast.Field) (*fieldPlan, bool) {
	first := asts[0]
	name := first.Name.Value
	f := &fieldPlan{key: key, ast: first, argIndex: -1}
	switch {
	case name == "__typename":
		f.typename = true
		return f, true
	case strings.HasPrefix(name, "__"):
		return nil, false // introspection: graphql-go's
	}
	def := parent.Fields()[name]
	if def == nil {
		return nil, true
	}
	if def.Resolve == nil {
		return nil, false
	}
	f.def = def
	if len(def.Args) > 0 {
		for _, a := range def.Args {
			// A list argument (claims' kinds) is graphql-go's to coerce,
			// where the query gives it.
			if !simpleInput(a.Type) && (a.DefaultValue != nil || argGiven(asts, a.PrivateName)) {
				return nil, false
			}
		}
		f.argIndex = c.nArgs
		c.nArgs++
	}
	switch t := namedOutput(def.Type).(type) {
	case *graphql.Object:
		if t.IsTypeOf != nil {
			return nil, false
		}
		sets := make([]*ast.SelectionSet, 0, len(asts))
		for _, a := range asts {
			sets = append(sets, a.SelectionSet)
		}
		sub, ok := c.selection(t, sets)
		if !ok {
			return nil, false
		}
		f.sub = sub
	case *graphql.Scalar, *graphql.Enum:
	default:
		return nil, false
	}
	return f, true
}

// argGiven reports whether any of the merged fields gives argument name.
func argGiven(asts []*ast.Field, name string) bool {
	for _, f := range asts {
		for _, a := range f.Arguments {
			if a.Name != nil && a.Name.Value == name {
				return true
			}
		}
	}
	return false
}

// namedOutput strips lists and non-nulls.
func namedOutput(t graphql.Type) graphql.Type {
	for {
		switch w := t.(type) {
		case *graphql.NonNull:
			t = w.OfType
		case *graphql.List:
			t = w.OfType
		default:
			return t
		}
	}
}

// simpleInput: a scalar or an enum, possibly non-null.
func simpleInput(t graphql.Type) bool {
	if nn, ok := t.(*graphql.NonNull); ok {
		t = nn.OfType
	}
	switch t.(type) {
	case *graphql.Scalar, *graphql.Enum:
		return true
	}
	return false
}

// inputTypeFromAST is graphql-go's typeFromAST for variable types.
func inputTypeFromAST(s *graphql.Schema, t ast.Type) (graphql.Type, bool) {
	switch t := t.(type) {
	case *ast.NonNull:
		inner, ok := inputTypeFromAST(s, t.Type)
		if !ok {
			return nil, false
		}
		return graphql.NewNonNull(inner), true
	case *ast.List:
		inner, ok := inputTypeFromAST(s, t.Type)
		if !ok {
			return nil, false
		}
		return graphql.NewList(inner), true
	case *ast.Named:
		if t.Name == nil {
			return nil, false
		}
		typ := s.Type(t.Name.Value)
		return typ, typ != nil
	}
	return nil, false
}

// parseInput coerces a variable's value as graphql-go does for a scalar
// or enum type; ok is false for a value graphql-go refuses.
func parseInput(t graphql.Type, v any) (any, bool) {
	if nn, ok := t.(*graphql.NonNull); ok {
		t = nn.OfType
	}
	var parsed any
	switch t := t.(type) {
	case *graphql.Scalar:
		parsed = t.ParseValue(v)
	case *graphql.Enum:
		parsed = t.ParseValue(v)
	default:
		return nil, false
	}
	return parsed, !isNullish(parsed)
}

// parseLiteral is graphql-go's valueFromAST for a scalar or enum type.
func parseLiteral(t graphql.Type, v ast.Value) any {
	if v == nil {
		return nil
	}
	if nn, ok := t.(*graphql.NonNull); ok {
		t = nn.OfType
	}
	switch t := t.(type) {
	case *graphql.Scalar:
		return t.ParseLiteral(v)
	case *graphql.Enum:
		return t.ParseLiteral(v)
	}
	return nil
}

// isNullish is graphql-go's test for a null value: nil, a nil pointer,
// or NaN.
func isNullish(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string, int, bool:
		return false
	case float64:
		return math.IsNaN(v)
	}
	value := reflect.ValueOf(v)
	if value.Kind() == reflect.Ptr {
		if value.IsNil() {
			return true
		}
		value = value.Elem()
	}
	switch value.Kind() {
	case reflect.Float32, reflect.Float64:
		return math.IsNaN(value.Float())
	}
	return false
}

// variables coerces the request's variables for plan's operation as
// graphql-go's getVariableValues does; ok is false where graphql-go
// would answer an error.
func variableValues(s *graphql.Schema, op *ast.OperationDefinition, inputs map[string]any) (map[string]any, bool) {
	values := make(map[string]any, len(op.VariableDefinitions))
	for _, def := range op.VariableDefinitions {
		if def == nil || def.Variable == nil || def.Variable.Name == nil {
			continue
		}
		name := def.Variable.Name.Value
		t, ok := inputTypeFromAST(s, def.Type)
		if !ok {
			return nil, false
		}
		in := inputs[name]
		if isNullish(in) {
			if _, nonNull := t.(*graphql.NonNull); nonNull {
				return nil, false
			}
			var v any
			if def.DefaultValue != nil {
				v = parseLiteral(t, def.DefaultValue)
			}
			values[name] = v
			continue
		}
		v, ok := parseInput(t, in)
		if !ok {
			return nil, false
		}
		values[name] = v
	}
	return values, true
}

// execution is one request run by the direct executor.
type execution struct {
	ctx context.Context
	// start and max: the body begins at buf[start] and may not pass max
	// bytes.
	start, max int
	vars       map[string]any
	args       []map[string]any // memo of each field's arguments
	root       any
}

// bufPool recycles response buffers (one per handler).
type bufPool struct{ p sync.Pool }

// maxPooledBuf: larger buffers are left to the collector.
const maxPooledBuf = 1 << 20

func (bp *bufPool) get() *[]byte {
	if b, ok := bp.p.Get().(*[]byte); ok {
		return b
	}
	b := make([]byte, 0, 32<<10)
	return &b
}

func (bp *bufPool) put(b *[]byte) {
	if cap(*b) <= maxPooledBuf {
		*b = (*b)[:0]
		bp.p.Put(b)
	}
}

// executeDirect runs plan and appends the whole response body
// ({"data":...} and a newline) to buf. errNotDirect (possibly wrapped)
// means graphql.Execute must answer instead.
//
// The body may not pass max bytes: errResponseTooLarge then, and
// graphql-go must not try again.
func executeDirect(ctx context.Context, s *graphql.Schema, plan *opPlan, inputs map[string]any, buf []byte, max int) ([]byte, error) {
	vars, ok := variableValues(s, plan.op, inputs)
	if !ok {
		return buf, errNotDirect
	}
	x := &execution{ctx: ctx, vars: vars, args: make([]map[string]any, plan.nArgs), root: map[string]any{}, start: len(buf), max: max}
	buf = append(buf, `{"data":`...)
	buf, err := x.object(buf, plan.root, x.root)
	if err != nil {
		return buf, err
	}
	if err := ctx.Err(); err != nil {
		return buf, errNotDirect
	}
	return append(buf, "}\n"...), nil
}

func (x *execution) object(buf []byte, sel *selPlan, src any) ([]byte, error) {
	buf = append(buf, '{')
	for _, f := range sel.fields {
		buf = append(buf, f.member...)
		var err error
		if buf, err = x.field(buf, sel.typ, f, src); err != nil {
			return buf, err
		}
		if len(buf)-x.start > x.max {
			return buf, errResponseTooLarge
		}
	}
	return append(buf, '}'), nil
}

func (x *execution) field(buf []byte, parent *graphql.Object, f *fieldPlan, src any) ([]byte, error) {
	if f.typename {
		return appendString(buf, parent.Name()), nil
	}
	var args map[string]any
	if f.argIndex >= 0 {
		if args = x.args[f.argIndex]; args == nil {
			args = x.arguments(f)
			x.args[f.argIndex] = args
		}
	}
	v, err := f.def.Resolve(graphql.ResolveParams{
		Source:  src,
		Args:    args,
		Context: x.ctx,
		Info:    graphql.ResolveInfo{FieldName: f.def.Name, ReturnType: f.def.Type, ParentType: parent},
	})
	if err != nil {
		if errors.Is(err, errResponseTooLarge) {
			return buf, err
		}
		return buf, errNotDirect
	}
	buf, null, err := x.value(buf, f.def.Type, f, v)
	if err == nil && null && isNonNull(f.def.Type) {
		err = errNotDirect
	}
	return buf, err
}

func isNonNull(t graphql.Type) bool {
	_, ok := t.(*graphql.NonNull)
	return ok
}

// arguments is graphql-go's getArgumentValues for scalar and enum
// arguments.
func (x *execution) arguments(f *fieldPlan) map[string]any {
	out := make(map[string]any, len(f.def.Args))
	for _, def := range f.def.Args {
		var value ast.Value
		for _, a := range f.ast.Arguments {
			if a.Name != nil && a.Name.Value == def.PrivateName {
				value = a.Value
			}
		}
		var v any
		if variable, ok := value.(*ast.Variable); ok {
			if variable.Name != nil {
				v = x.vars[variable.Name.Value]
			}
		} else {
			v = parseLiteral(def.Type, value)
		}
		if isNullish(v) {
			v = def.DefaultValue
		}
		if !isNullish(v) {
			out[def.PrivateName] = v
		}
	}
	return out
}

// value appends v completed as type t; null reports a JSON null
// written.
func (x *execution) value(buf []byte, t graphql.Type, f *fieldPlan, v any) (_ []byte, null bool, _ error) {
	if nn, ok := t.(*graphql.NonNull); ok {
		buf, null, err := x.value(buf, nn.OfType, f, v)
		if err == nil && null {
			err = errNotDirect // graphql-go's "Cannot return null for non-nullable field"
		}
		return buf, null, err
	}
	if isNullish(v) {
		return append(buf, "null"...), true, nil
	}
	switch t := t.(type) {
	case *graphql.List:
		return x.list(buf, t, f, v)
	case *graphql.Scalar:
		if s, ok := v.(string); ok && (t == graphql.String || t == graphql.ID) {
			// Their Serialize is fmt.Sprintf("%v", v): the string itself,
			// at the cost of a copy.
			return appendString(buf, s), false, nil
		}
		return appendLeaf(buf, t.Serialize(v))
	case *graphql.Enum:
		return appendLeaf(buf, t.Serialize(v))
	case *graphql.Object:
		if reflect.TypeOf(v).Kind() == reflect.Func {
			return buf, false, errNotDirect // a thunk
		}
		buf, err := x.object(buf, f.sub, v)
		return buf, false, err
	}
	return buf, false, errNotDirect
}

func (x *execution) list(buf []byte, t *graphql.List, f *fieldPlan, v any) ([]byte, bool, error) {
	var err error
	item := func(i int, it any) {
		if err != nil {
			return
		}
		if i%64 == 63 {
			// A long list of cached values reads no store: check the
			// deadline and the size here.
			if x.ctx.Err() != nil {
				err = errNotDirect
				return
			}
			if len(buf)-x.start > x.max {
				err = errResponseTooLarge
				return
			}
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		var null bool
		buf, null, err = x.value(buf, t.OfType, f, it)
		if err == nil && null && isNonNull(t.OfType) {
			err = errNotDirect
		}
	}
	buf = append(buf, '[')
	switch items := v.(type) {
	case []any:
		for i, it := range items {
			item(i, it)
		}
	case []string:
		for i, it := range items {
			item(i, it)
		}
	default:
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Ptr {
			rv = rv.Elem()
		}
		if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
			return buf, false, errNotDirect
		}
		for i := range rv.Len() {
			item(i, rv.Index(i).Interface())
		}
	}
	if err != nil {
		return buf, false, err
	}
	return append(buf, ']'), false, nil
}

// appendLeaf appends a serialized scalar or enum value as encoding/json
// would.
func appendLeaf(buf []byte, v any) ([]byte, bool, error) {
	if isNullish(v) {
		return append(buf, "null"...), true, nil
	}
	switch v := v.(type) {
	case string:
		return appendString(buf, v), false, nil
	case int:
		return strconv.AppendInt(buf, int64(v), 10), false, nil
	case bool:
		return strconv.AppendBool(buf, v), false, nil
	case float64:
		if math.IsInf(v, 0) {
			return buf, false, errNotDirect // encoding/json refuses it
		}
		return appendFloat(buf, v), false, nil
	}
	return buf, false, errNotDirect
}

// appendFloat is encoding/json's encoding of a float64.
func appendFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendString is encoding/json's encoding of a string with HTML
// escaping off (as writeJSON's encoder has it).
func appendString(dst []byte, src string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(src); {
		if b := src[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, src[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(src[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, src[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, src[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, src[start:]...)
	return append(dst, '"')
}
