//! Generated argument values, by type and by name: hostile (huge and negative numbers,
//! invalid UUIDs and cursors, impossible dates, odd decimals, very long and NUL-containing
//! strings, unusual currency codes, wrong JSON types, missing and extra input fields, long
//! lists) or valid — ids and cursors the viewer really has — as often as the case's hostility
//! says, so that the code behind the argument checks runs too. Input objects, lists and enums
//! are made here, scalars in [`super::scalars`].

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};

use super::schema::{Schema, TypeRef};

/// What the viewer really has, for valid-looking values.
#[derive(Debug, Default)]
pub struct Known {
    pub ids: Vec<String>,
    pub cursors: Vec<String>,
}

/// A generator of values for one run, from one seed.
pub struct Values<'a> {
    pub rng: StdRng,
    schema: &'a Schema,
    /// The current viewer's ids and cursors.
    pub known: Known,
    /// Inside a long list: no long strings (a request body has 3 MiB at most).
    pub(super) short: bool,
    /// How likely a scalar is hostile rather than valid, in this case.
    pub(super) hostility: f64,
}

/// How deep input objects nest at most.
const MAX_INPUT_DEPTH: usize = 4;

impl<'a> Values<'a> {
    pub fn new(seed: u64, schema: &'a Schema) -> Self {
        Self {
            rng: StdRng::seed_from_u64(seed),
            schema,
            known: Known::default(),
            short: false,
            hostility: 0.5,
        }
    }

    /// Start a case: now mostly valid values (to reach the checks behind the arguments'
    /// types), now mostly hostile ones.
    pub fn start_case(&mut self) {
        self.hostility = self.pick(&[0.05, 0.3, 0.8]);
    }

    pub fn chance(&mut self, probability: f64) -> bool {
        self.rng.random_bool(probability)
    }

    pub(super) fn pick<T: Clone>(&mut self, options: &[T]) -> T {
        options.choose(&mut self.rng).expect("options").clone()
    }

    /// A value for the argument or input field `name` of type `ty`; `None` leaves it out
    /// (usually where it may be left out, now and then where it may not).
    pub fn for_input(&mut self, name: &str, ty: &TypeRef, depth: usize) -> Option<Value> {
        match ty {
            TypeRef::NonNull(inner) => {
                if self.chance(0.03) {
                    None
                } else if self.chance(0.03) {
                    Some(Value::Null)
                } else {
                    Some(self.value(name, inner, depth))
                }
            }
            _ if self.chance(0.15) => None,
            _ if self.chance(0.05) => Some(Value::Null),
            _ => Some(self.value(name, ty, depth)),
        }
    }

    fn value(&mut self, name: &str, ty: &TypeRef, depth: usize) -> Value {
        match ty {
            TypeRef::NonNull(inner) => self.value(name, inner, depth),
            TypeRef::List(inner) => {
                if self.chance(0.05) {
                    // A single value where a list is expected: coerced into a list of one.
                    return self.value(name, inner, depth);
                }
                let length = self.pick(&[0, 1, 1, 2, 3, 101, 150, 2000]);
                let was_short = self.short;
                self.short = was_short || length > 3;
                let items = (0..length)
                    .map(|_| self.value(name, inner, depth + 1))
                    .collect();
                self.short = was_short;
                Value::Array(items)
            }
            TypeRef::Named(type_name) => self.named(name, type_name, depth),
        }
    }

    fn named(&mut self, name: &str, type_name: &str, depth: usize) -> Value {
        if self.chance(0.03) {
            // The wrong JSON type altogether.
            return self.pick(&[json!(true), json!(1.5), json!({}), json!([]), json!("x")]);
        }
        let def = self
            .schema
            .types
            .get(type_name)
            .cloned()
            .unwrap_or_default();
        match def.kind.as_str() {
            "ENUM" if !self.chance(self.hostility / 2.0) && !def.enum_values.is_empty() => {
                Value::String(self.pick(&def.enum_values))
            }
            // An unknown value is quoted back in the error: a long one must be cut.
            "ENUM" => self.pick(&[
                json!("NOPE"),
                json!(""),
                json!(3),
                json!("NOPE".repeat(2000)),
                json!("NOPE".repeat(2000)),
            ]),
            "INPUT_OBJECT" if depth < MAX_INPUT_DEPTH => {
                let mut object = Map::new();
                for field in &def.input_fields {
                    if let Some(value) = self.for_input(&field.name, &field.ty, depth + 1) {
                        object.insert(field.name.clone(), value);
                    }
                }
                if self.chance(0.05) {
                    object.insert("notAField".to_owned(), json!("x"));
                }
                Value::Object(object)
            }
            "INPUT_OBJECT" => json!({}),
            _ => self.scalar(name, type_name),
        }
    }

    /// A value from `valid`, or from `hostile` with this case's hostility.
    pub(super) fn either(&mut self, valid: &[Value], hostile: &[Value]) -> Value {
        if self.chance(self.hostility) {
            self.pick(hostile)
        } else {
            self.pick(valid)
        }
    }
}
