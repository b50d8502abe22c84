//! Opaque cursors: the sort value and id of a row, so a page boundary stays put when
//! rows are added or removed elsewhere (keyset pagination, no offsets).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use sea_orm::Value;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};

/// A sort value that can travel inside a cursor.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortValue {
    I32(i32),
    I64(i64),
    Text(String),
    Date(NaiveDate),
}

impl SortValue {
    /// The sort value of a column read from a model; columns used for ordering are never
    /// null and always of these types.
    pub fn from_value(value: Value) -> AppResult<Self> {
        match value {
            Value::Int(Some(v)) => Ok(SortValue::I32(v)),
            Value::BigInt(Some(v)) => Ok(SortValue::I64(v)),
            Value::String(Some(v)) => Ok(SortValue::Text(v)),
            Value::ChronoDate(Some(v)) => Ok(SortValue::Date(v)),
            other => Err(AppError::Internal(format!(
                "column of type {other:?} cannot be sorted on"
            ))),
        }
    }

    pub fn into_value(self) -> Value {
        match self {
            SortValue::I32(v) => v.into(),
            SortValue::I64(v) => v.into(),
            SortValue::Text(v) => v.into(),
            SortValue::Date(v) => v.into(),
        }
    }
}

/// A position in an ordered list: the row's sort value (absent when the order is by id
/// alone) and its id as the tie-break.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<SortValue>,
    #[serde(rename = "i")]
    pub id: i32,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }

    pub fn decode(raw: &str) -> AppResult<Self> {
        let invalid = || AppError::bad_input("invalid cursor");
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| invalid())?;
        serde_json::from_slice(&bytes).map_err(|_| invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let cursor = Cursor {
            key: Some(SortValue::Text("王*".into())),
            id: 42,
        };
        assert_eq!(Cursor::decode(&cursor.encode()).unwrap(), cursor);
    }

    #[test]
    fn garbage_is_bad_input() {
        assert!(matches!(
            Cursor::decode("not a cursor!"),
            Err(AppError::BadUserInput(_))
        ));
        assert!(matches!(
            Cursor::decode("e30"),
            Err(AppError::BadUserInput(_))
        ));
    }
}
