//! Scalar values for the fuzz test, by type and by the argument's name: each pool has valid
//! values and hostile ones, drawn by the case's hostility.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng;
use rand::seq::IndexedRandom;
use serde_json::{Value, json};

use super::values::Values;

impl Values<'_> {
    pub(super) fn scalar(&mut self, name: &str, type_name: &str) -> Value {
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
