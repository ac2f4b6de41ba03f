//! Exact money: ISO 4217 currencies and the conversion between a `Decimal` amount and the
//! integer minor units (cents, pence, yen …) that the database stores.
//!
//! Integer minor units are exact on both PostgreSQL and SQLite (sea-query binds a `Decimal` as
//! a float on SQLite, which is why no `Decimal` column exists). No float touches money.

use std::fmt;

use rust_decimal::Decimal;

/// The largest absolute amount, in minor units, a single row may carry (10^15: ten trillion
/// in a two-decimal currency).
pub const MAX_ABS_MINOR: i64 = 1_000_000_000_000_000;

/// The largest absolute balance, in minor units, an account may reach (10^17), far inside
/// what a 64-bit sum can carry; writes that would pass it are refused.
pub const MAX_BALANCE_MINOR: i64 = 100_000_000_000_000_000;

/// A validated ISO 4217 currency code with its number of decimal places.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    exponent: u32,
}

/// Why an amount or currency was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MoneyError {
    #[error("unknown currency code {0:?}; use an ISO 4217 code such as \"EUR\"")]
    UnknownCurrency(String),
    #[error("{currency} amounts have at most {max} decimal places")]
    TooManyDecimals { currency: &'static str, max: u32 },
    #[error("amount is out of range")]
    OutOfRange,
}

/// Active ISO 4217 codes whose minor unit is not 2 decimal places.
const EXPONENTS: &[(&str, u32)] = &[
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("ISK", 0),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("PYG", 0),
    ("RWF", 0),
    ("UGX", 0),
    ("UYI", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
    ("BHD", 3),
    ("IQD", 3),
    ("JOD", 3),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("TND", 3),
    ("CLF", 4),
    ("UYW", 4),
];

/// Active ISO 4217 codes with 2 decimal places, sorted (searched by halves: every listed
/// row parses its currency).
const TWO_DECIMALS: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
    "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
    "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
    "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
    "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR",
    "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
    "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU",
    "UZS", "VED", "VES", "WST", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
];

impl Currency {
    /// Parse an ISO 4217 code (upper case, as ISO writes it).
    pub fn parse(code: &str) -> Result<Self, MoneyError> {
        if let Some(&(code, exponent)) = EXPONENTS.iter().find(|(c, _)| *c == code) {
            return Ok(Self { code, exponent });
        }
        match TWO_DECIMALS.binary_search(&code) {
            Ok(at) => Ok(Self {
                code: TWO_DECIMALS[at],
                exponent: 2,
            }),
            Err(_) => Err(MoneyError::UnknownCurrency(code.chars().take(16).collect())),
        }
    }

    /// Every currency Tally accepts, by code.
    pub fn all() -> Vec<Self> {
        let mut all: Vec<Self> = EXPONENTS
            .iter()
            .map(|&(code, exponent)| Self { code, exponent })
            .chain(TWO_DECIMALS.iter().map(|&code| Self { code, exponent: 2 }))
            .collect();
        all.sort_by_key(|currency| currency.code);
        all
    }

    /// The three-letter code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// Decimal places of the minor unit (2 for EUR, 0 for JPY, 3 for KWD).
    pub fn exponent(&self) -> u32 {
        self.exponent
    }

    /// Convert an amount to integer minor units, refusing more decimals than the currency has
    /// (trailing zeros are fine: `12.500` EUR is 1250 cents) and amounts out of range.
    pub fn to_minor(&self, amount: Decimal) -> Result<i64, MoneyError> {
        let normalized = amount.normalize();
        if normalized.scale() > self.exponent {
            return Err(MoneyError::TooManyDecimals {
                currency: self.code,
                max: self.exponent,
            });
        }
        let mut scaled = normalized;
        scaled.rescale(self.exponent);
        if scaled.scale() != self.exponent {
            return Err(MoneyError::OutOfRange);
        }
        let minor = i64::try_from(scaled.mantissa()).map_err(|_| MoneyError::OutOfRange)?;
        if minor.abs() > MAX_ABS_MINOR {
            return Err(MoneyError::OutOfRange);
        }
        Ok(minor)
    }

    /// `amount` as a bound in minor units for comparing stored amounts: rounded up for a
    /// lower bound and down for an upper one (so `>= 0.005 EUR` means `>= 1` cent), and
    /// saturated at the ends of `i64`.
    pub fn minor_bound(&self, amount: Decimal, lower: bool) -> i64 {
        use rust_decimal::prelude::ToPrimitive;
        let scale = Decimal::from(10i64.pow(self.exponent));
        let saturated = if amount.is_sign_negative() {
            i64::MIN
        } else {
            i64::MAX
        };
        let Some(scaled) = amount.checked_mul(scale) else {
            return saturated;
        };
        let rounded = if lower { scaled.ceil() } else { scaled.floor() };
        rounded.to_i64().unwrap_or(saturated)
    }

    /// Like [`Self::from_minor`] for a sum that may exceed `i64`; `None` beyond what a
    /// `Decimal` holds (2^96).
    pub fn from_wide_minor(&self, minor: i128) -> Option<Decimal> {
        Decimal::try_from_i128_with_scale(minor, self.exponent).ok()
    }

    /// The amount that `minor` units of this currency are, with exactly `exponent` decimals.
    pub fn from_minor(&self, minor: i64) -> Decimal {
        Decimal::new(minor, self.exponent)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("valid decimal")
    }

    #[test]
    fn every_listed_code_parses_to_its_own_exponent() {
        assert!(
            TWO_DECIMALS.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted"
        );
        for code in TWO_DECIMALS {
            assert_eq!(
                Currency::parse(code).map(|c| (c.code(), c.exponent())),
                Ok((*code, 2))
            );
        }
        for (code, exponent) in EXPONENTS {
            let parsed = Currency::parse(code).map(|c| (c.code(), c.exponent()));
            assert_eq!(parsed, Ok((*code, *exponent)));
        }
        for unknown in ["", "usd", "US", "USDD", "AAA", "ZZZ"] {
            assert!(Currency::parse(unknown).is_err(), "{unknown}");
        }
    }

    #[test]
    fn filter_bounds_round_inwards_and_saturate() {
        let eur = Currency::parse("EUR").expect("EUR");
        let jpy = Currency::parse("JPY").expect("JPY");
        assert_eq!(eur.minor_bound(dec("0.005"), true), 1);
        assert_eq!(eur.minor_bound(dec("0.005"), false), 0);
        assert_eq!(eur.minor_bound(dec("-12.345"), true), -1234);
        assert_eq!(eur.minor_bound(dec("-12.345"), false), -1235);
        assert_eq!(jpy.minor_bound(dec("100.5"), true), 101);
        assert_eq!(eur.minor_bound(Decimal::MAX, false), i64::MAX);
        assert_eq!(eur.minor_bound(Decimal::MIN, true), i64::MIN);
    }

    #[test]
    fn euro_amounts_round_trip_through_cents() {
        let eur = Currency::parse("EUR").expect("EUR");
        for s in ["0.00", "0.10", "-12.50", "123456789012.34", "-0.01"] {
            let minor = eur.to_minor(dec(s)).expect("fits");
            assert_eq!(eur.from_minor(minor).to_string(), s);
        }
    }

    #[test]
    fn a_tenth_plus_two_tenths_is_exactly_three_tenths() {
        let eur = Currency::parse("EUR").expect("EUR");
        let sum = eur.to_minor(dec("0.10")).unwrap() + eur.to_minor(dec("0.20")).unwrap();
        assert_eq!(eur.from_minor(sum).to_string(), "0.30");
    }

    #[test]
    fn more_decimals_than_the_currency_has_are_refused() {
        let eur = Currency::parse("EUR").expect("EUR");
        assert_eq!(
            eur.to_minor(dec("1.005")),
            Err(MoneyError::TooManyDecimals {
                currency: "EUR",
                max: 2
            })
        );
        assert_eq!(eur.to_minor(dec("1.500")), Ok(150));
        let jpy = Currency::parse("JPY").expect("JPY");
        assert!(jpy.to_minor(dec("1.5")).is_err());
        assert_eq!(jpy.to_minor(dec("1500")), Ok(1500));
        let kwd = Currency::parse("KWD").expect("KWD");
        assert_eq!(kwd.to_minor(dec("1.005")), Ok(1005));
    }

    #[test]
    fn huge_amounts_are_out_of_range() {
        let eur = Currency::parse("EUR").expect("EUR");
        assert_eq!(
            eur.to_minor(dec("10000000000000.01")),
            Err(MoneyError::OutOfRange)
        );
        assert_eq!(eur.to_minor(dec("-10000000000000.00")), Ok(-MAX_ABS_MINOR));
        assert_eq!(
            eur.to_minor(dec("79228162514264337593543950335")),
            Err(MoneyError::OutOfRange)
        );
    }

    #[test]
    fn unknown_or_lower_case_codes_are_refused() {
        for code in ["eur", "XXX", "EURO", "", "E"] {
            assert!(Currency::parse(code).is_err(), "{code} accepted");
        }
    }
}
