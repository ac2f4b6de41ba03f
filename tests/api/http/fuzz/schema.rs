//! The schema as the fuzz test sees it, read by introspection from the running server: the
//! root fields with their arguments, every named type, and how to select an output type.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::helpers::TestApp;

/// A type reference: a named type, or a list or non-null wrapper.
#[derive(Debug, Clone)]
pub enum TypeRef {
    Named(String),
    List(Box<TypeRef>),
    NonNull(Box<TypeRef>),
}

impl TypeRef {
    fn read(value: &Value) -> Self {
        let inner = || Box::new(Self::read(&value["ofType"]));
        match value["kind"].as_str() {
            Some("NON_NULL") => Self::NonNull(inner()),
            Some("LIST") => Self::List(inner()),
            _ => Self::Named(value["name"].as_str().unwrap_or_default().to_owned()),
        }
    }

    /// The named type inside the wrappers.
    pub fn name(&self) -> &str {
        match self {
            Self::Named(name) => name,
            Self::List(inner) | Self::NonNull(inner) => inner.name(),
        }
    }

    /// As written in a variable definition (`[UUID!]!`).
    pub fn written(&self) -> String {
        match self {
            Self::Named(name) => name.clone(),
            Self::List(inner) => format!("[{}]", inner.written()),
            Self::NonNull(inner) => format!("{}!", inner.written()),
        }
    }
}

/// An argument or an input field.
#[derive(Debug, Clone)]
pub struct InputValue {
    pub name: String,
    pub ty: TypeRef,
}

/// A field of an object type.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub args: Vec<InputValue>,
    pub ty: TypeRef,
}

/// A named type.
#[derive(Debug, Clone, Default)]
pub struct TypeDef {
    pub kind: String,
    pub fields: Vec<Field>,
    pub input_fields: Vec<InputValue>,
    pub enum_values: Vec<String>,
}

/// The schema: root fields of each operation type, and every named type.
pub struct Schema {
    pub queries: Vec<Field>,
    pub mutations: Vec<Field>,
    pub types: HashMap<String, TypeDef>,
}

const TYPE_REF: &str = "kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name } } } }";

impl Schema {
    /// Read the schema of `app` by introspection.
    pub async fn of(app: &TestApp) -> Self {
        let query = format!(
            "{{ __schema {{ queryType {{ name }} mutationType {{ name }}
                types {{ kind name enumValues {{ name }}
                  fields {{ name type {{ {TYPE_REF} }} args {{ name type {{ {TYPE_REF} }} }} }}
                  inputFields {{ name type {{ {TYPE_REF} }} }} }} }} }}"
        );
        let body = app.gql(None, &query, json!({})).await;
        let schema = &body["data"]["__schema"];
        let inputs = |list: &Value| -> Vec<InputValue> {
            let list = list.as_array().map(Vec::as_slice).unwrap_or_default();
            list.iter()
                .map(|v| InputValue {
                    name: v["name"].as_str().unwrap_or_default().to_owned(),
                    ty: TypeRef::read(&v["type"]),
                })
                .collect()
        };
        let mut types = HashMap::new();
        for ty in schema["types"].as_array().expect("types") {
            let fields = ty["fields"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            let names = ty["enumValues"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default();
            let def = TypeDef {
                kind: ty["kind"].as_str().unwrap_or_default().to_owned(),
                fields: fields
                    .iter()
                    .map(|f| Field {
                        name: f["name"].as_str().unwrap_or_default().to_owned(),
                        args: inputs(&f["args"]),
                        ty: TypeRef::read(&f["type"]),
                    })
                    .collect(),
                input_fields: inputs(&ty["inputFields"]),
                enum_values: names
                    .iter()
                    .filter_map(|v| v["name"].as_str().map(str::to_owned))
                    .collect(),
            };
            types.insert(ty["name"].as_str().unwrap_or_default().to_owned(), def);
        }
        let root = |kind: &str| {
            let name = schema[kind]["name"].as_str().unwrap_or_default();
            types
                .get(name)
                .map(|t| t.fields.clone())
                .unwrap_or_default()
        };
        let (queries, mutations) = (root("queryType"), root("mutationType"));
        assert!(!queries.is_empty() && !mutations.is_empty(), "{body}");
        Self {
            queries,
            mutations,
            types,
        }
    }

    /// A selection of `ty`'s leaves and, `depth` levels down, of its objects' leaves: the
    /// fields that need no arguments, and `__typename` so that it is never empty.
    pub fn selection(&self, ty: &TypeRef, depth: usize) -> String {
        let Some(def) = self.types.get(ty.name()) else {
            return String::new();
        };
        if !matches!(def.kind.as_str(), "OBJECT" | "INTERFACE" | "UNION") {
            return String::new();
        }
        let mut parts = vec!["__typename".to_owned()];
        for field in &def.fields {
            let needs_argument = field
                .args
                .iter()
                .any(|arg| matches!(arg.ty, TypeRef::NonNull(_)));
            if needs_argument {
                continue;
            }
            let is_object = self
                .types
                .get(field.ty.name())
                .is_some_and(|t| t.kind == "OBJECT");
            if !is_object {
                parts.push(field.name.clone());
            } else if depth > 0 {
                let inner = self.selection(&field.ty, depth - 1);
                parts.push(format!("{} {inner}", field.name));
            }
        }
        format!("{{ {} }}", parts.join(" "))
    }
}
