//! Generated argument values, by type and by name: mostly hostile (huge and negative
//! numbers, invalid UUIDs and cursors, impossible dates, odd decimals, very long and
//! NUL-containing strings, unusual currency codes, wrong JSON types, missing and extra input
//! fields), sometimes valid — ids and cursors the viewer really has — so that the code
//! behind the argument checks runs too.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
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
    short: bool,
    /// How likely a scalar is hostile rather than valid, in this case.
    hostility: f64,
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

    fn pick<T: Clone>(&mut self, options: &[T]) -> T {
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
    fn either(&mut self, valid: &[Value], hostile: &[Value]) -> Value {
        if self.chance(self.hostility) {
            self.pick(hostile)
        } else {
            self.pick(valid)
        }
    }

    fn scalar(&mut self, name: &str, type_name: &str) -> Value {
        let name = name.to_ascii_lowercase();
        match type_name {
            "Int" => self.int(),
            "Float" => self.either(&[json!(0.0), json!(-1.5)], &[json!(1e300), json!("NaN")]),
            "Boolean" => self.either(&[json!(true), json!(false)], &[json!("true"), json!(0)]),
            "UUID" | "ID" => self.uuid(),
            "Decimal" => self.decimal(),
            "Date" => self.date(),
            "Month" => self.month(),
            "DateTime" => self.either(
                &[
                    json!("2026-11-27T09:30:00Z"),
                    json!("1970-01-01T00:00:00+14:00"),
                ],
                &[
                    json!("9999-12-31T23:59:59-12:00"),
                    json!("0000-01-01T00:00:00Z"),
                    json!("2026-11-27"),
                    json!(""),
                ],
            ),
            _ if name.contains("currency") => self.currency(),
            _ if name == "after" || name.contains("cursor") || name.contains("token") => {
                self.cursor()
            }
            _ if name == "csv" => self.csv(),
            _ => self.string(),
        }
    }

    fn int(&mut self) -> Value {
        if self.chance(0.3) {
            return json!(self.rng.random_range(-5..300));
        }
        self.either(
            &[
                json!(1),
                json!(20),
                json!(200),
                json!(2026),
                json!(1000),
                json!(9999),
            ],
            &[
                json!(0),
                json!(-1),
                json!(201),
                json!(999),
                json!(10_000),
                json!(i32::MAX),
                json!(i32::MIN),
                json!(i64::MAX),
                json!(1u64 << 53),
                json!(2.5),
                json!("7"),
            ],
        )
    }

    fn uuid(&mut self) -> Value {
        if !self.known.ids.is_empty() && !self.chance(self.hostility) {
            let id = self.known.ids.choose(&mut self.rng).expect("ids").clone();
            return json!(id);
        }
        self.pick(&[
            json!(uuid::Uuid::new_v4().to_string()),
            json!("00000000-0000-0000-0000-000000000000"),
            json!("ffffffff-ffff-ffff-ffff-ffffffffffff"),
            json!("0193A1C2-7D5E-7C3A-9B1F-2A4C6E8D0F12"),
            json!("0193a1c27d5e7c3a9b1f2a4c6e8d0f12"),
            json!("not-a-uuid"),
            json!("0193a1c2-7d5e-7c3a-9b1f-2a4c6e8d0fzz"),
            json!("{0193a1c2-7d5e-7c3a-9b1f-2a4c6e8d0f12}"),
            json!(""),
            json!(42),
        ])
    }

    fn decimal(&mut self) -> Value {
        self.either(
            &[
                json!("0"),
                json!("1"),
                json!("-12.50"),
                json!("0.01"),
                json!("0.001"),
                json!("-0"),
                json!("9999999999999.99"),
                json!("10000000000000.00"),
                json!("-10000000000000.01"),
                json!("123456789012345678"),
                json!("0.0000000001"),
            ],
            &[
                json!("1234567890123456789"),
                json!("1e5"),
                json!("NaN"),
                json!("Infinity"),
                json!("+1"),
                json!("1,50"),
                json!("１"),
                json!(" 1"),
                json!("1."),
                json!(".5"),
                json!(""),
                json!(12),
                json!(0.1),
                json!("9".repeat(60)),
            ],
        )
    }

    fn date(&mut self) -> Value {
        self.either(
            &[
                json!("2026-01-15"),
                json!("2026-02-01"),
                json!("2024-02-29"),
                json!("1000-01-01"),
                json!("9999-12-31"),
            ],
            &[
                json!("0999-12-31"),
                json!("0000-01-01"),
                json!("2023-02-29"),
                json!("2026-13-01"),
                json!("2026-01-32"),
                json!("+12026-01-01"),
                json!("2026-1-1"),
                json!("20260101"),
                json!("today"),
                json!(20_260_101),
            ],
        )
    }

    fn month(&mut self) -> Value {
        self.either(
            &[
                json!("2026-01"),
                json!("2025-12"),
                json!("1000-01"),
                json!("9999-12"),
            ],
            &[
                json!("0999-12"),
                json!("2026-13"),
                json!("2026-00"),
                json!("10000-01"),
                json!("2026-1"),
                json!(""),
                json!(202_601),
            ],
        )
    }

    fn currency(&mut self) -> Value {
        self.either(
            &[json!("EUR"), json!("USD"), json!("JPY"), json!("KWD")],
            &[
                json!("XXX"),
                json!("XAU"),
                json!("BTC"),
                json!("eur"),
                json!("EU"),
                json!("EURO"),
                json!("€"),
                json!("E\u{0}R"),
                json!(""),
            ],
        )
    }

    fn cursor(&mut self) -> Value {
        if !self.known.cursors.is_empty() && !self.chance(self.hostility) {
            return json!(self.known.cursors.choose(&mut self.rng).expect("cursors"));
        }
        let id = uuid::Uuid::new_v4();
        let plain = self.pick(&[
            format!("v1|d|10000-01-01|{id}"),
            format!("v1|d|0999-01-01|{id}"),
            format!("v1|d|2026-02-30|{id}"),
            format!("v1|a|EUR:9223372036854775807|{id}"),
            format!("v1|a|XXX:-5|{id}"),
            format!("a1|+10000-01-01T00:00:00Z|{id}"),
            format!("a1|2026-01-01T00:00:00Z|{id}"),
            format!("u1|{id}"),
            "v1|d|||".to_owned(),
        ]);
        let encoded = URL_SAFE_NO_PAD.encode(plain);
        self.pick(&[
            json!(encoded),
            json!("!!!"),
            json!("A".repeat(300)),
            json!(""),
            json!("\u{0}"),
        ])
    }

    fn csv(&mut self) -> Value {
        let row = self.pick(&[
            "2026-01-05,Shop,-12.50",
            "0999-01-01,Old,-1",
            "2026-02-30,Nope,1",
            "2026-01-05,=HYPERLINK(\"x\"),-1",
            "2026-01-05,\"Quoted, comma\",1e5",
            "2026-01-05,Nul\u{0}byte,-1",
            "2026-01-05,,",
            "a,b,c,d,e",
        ]);
        let rows = self.pick(&[0, 1, 3, 50]);
        let mut csv = String::from(self.pick(&["Date,Payee,Amount\n", "", "\u{feff}x;y\n"]));
        for _ in 0..rows {
            csv.push_str(row);
            csv.push('\n');
        }
        json!(csv)
    }

    fn string(&mut self) -> Value {
        if !self.short && self.chance(self.hostility / 4.0) {
            let length = self.pick(&[201, 5001, 70_000]);
            let unit = self.pick(&["x", "é", "💸", "\u{0}"]);
            return json!(unit.repeat(length));
        }
        self.either(
            &[
                json!("Coffee"),
                json!("Date"),
                json!("Payee"),
                json!("Amount"),
                json!("a@b.c"),
                json!("Groceries"),
                json!("line\nbreak"),
                json!("=1+1"),
                json!("' OR '1'='1"),
                json!("%_\\"),
            ],
            &[
                json!(""),
                json!(" "),
                json!("\u{0}"),
                json!("a\u{0}b"),
                json!("tab\there"),
                json!("\u{202e}evil"),
                json!("\u{feff}"),
                json!("Robert'); DROP TABLE users;--"),
                json!("../../etc/passwd"),
                json!("null"),
            ],
        )
    }
}
