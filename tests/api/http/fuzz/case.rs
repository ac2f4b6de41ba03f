//! One fuzz case: a call of one root field with generated arguments, as variables or (now and
//! then) as literals, by an anonymous caller or the viewer.

use serde_json::{Map, Value};

use super::schema::{Field, Schema, TypeRef};
use super::values::Values;

/// What one case sent.
pub struct Case {
    pub field: String,
    pub mutation: bool,
    pub anonymous: bool,
    pub document: String,
    pub variables: Value,
}

impl Case {
    /// One call of `field` with generated arguments, as variables or (now and then) literals.
    pub fn generate(values: &mut Values, schema: &Schema, field: &Field, mutation: bool) -> Self {
        values.start_case();
        let literal = values.chance(0.25);
        let (mut definitions, mut arguments, mut variables) = (vec![], vec![], Map::new());
        for (i, arg) in field.args.iter().enumerate() {
            let Some(value) = values.for_input(&arg.name, &arg.ty, 0) else {
                continue;
            };
            if literal {
                arguments.push(format!(
                    "{}: {}",
                    arg.name,
                    written(&value, &arg.ty, schema)
                ));
            } else {
                definitions.push(format!("$a{i}: {}", arg.ty.written()));
                arguments.push(format!("{}: $a{i}", arg.name));
                variables.insert(format!("a{i}"), value);
            }
        }
        let wrap = |parts: Vec<String>| {
            if parts.is_empty() {
                String::new()
            } else {
                format!("({})", parts.join(", "))
            }
        };
        let kind = if mutation { "mutation" } else { "query" };
        let document = format!(
            "{kind}{} {{ {}{} {} }}",
            wrap(definitions),
            field.name,
            wrap(arguments),
            schema.selection(&field.ty, 2)
        );
        Self {
            field: field.name.clone(),
            mutation,
            anonymous: values.chance(0.15),
            document,
            variables: Value::Object(variables),
        }
    }

    pub fn describe(&self, seed: u64, number: usize, status: u16, body: &str) -> String {
        let cut = |text: &str| text.chars().take(600).collect::<String>();
        format!(
            "seed {seed}, case {number}, {} ({}): HTTP {status}\n  document: {}\n  variables: {}\n  response: {}",
            self.field,
            if self.anonymous {
                "anonymous"
            } else {
                "viewer"
            },
            cut(&self.document),
            cut(&self.variables.to_string()),
            cut(body)
        )
    }
}

/// `value` as a GraphQL literal of type `ty` (enum values bare, everything else as JSON).
fn written(value: &Value, ty: &TypeRef, schema: &Schema) -> String {
    let def = schema.types.get(ty.name());
    let field_type = |key: &str| {
        def.and_then(|d| d.input_fields.iter().find(|f| f.name == key))
            .map_or_else(|| TypeRef::Named("String".into()), |f| f.ty.clone())
    };
    let element = match ty {
        TypeRef::NonNull(inner) => match &**inner {
            TypeRef::List(element) => (**element).clone(),
            other => other.clone(),
        },
        TypeRef::List(element) => (**element).clone(),
        named => named.clone(),
    };
    match value {
        Value::String(text) if def.is_some_and(|d| d.enum_values.contains(text)) => text.clone(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|i| written(i, &element, schema)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}: {}", written(v, &field_type(k), schema)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
        other => other.to_string(),
    }
}
