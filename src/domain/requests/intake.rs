//! What a new request must look like: text within limits, an order id exactly where the
//! channel has one, a contact that is a name and a mainland mobile number.

use entity::request_enums::Channel;

use crate::domain::phone::Phone;

pub const MAX_DESCRIPTION_CHARS: usize = 2000;
pub const MAX_NOTE_CHARS: usize = 500;
pub const MAX_ORDER_ID_CHARS: usize = 64;
pub const MAX_CONTACT_NAME_CHARS: usize = 32;

/// `text` trimmed, with 1 to `max` characters; `what` names the field in the error.
pub fn text(what: &str, text: &str, max: usize) -> Result<String, String> {
    let trimmed = text.trim();
    let chars = trimmed.chars().count();
    if chars == 0 || chars > max {
        return Err(format!("`{what}` must have 1 to {max} characters"));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n') {
        return Err(format!("`{what}` must not hold control characters"));
    }
    Ok(trimmed.to_owned())
}

/// An optional note (reason, remark): trimmed, empty means none.
pub fn note(what: &str, note: Option<&str>) -> Result<Option<String>, String> {
    match note.map(str::trim).filter(|note| !note.is_empty()) {
        Some(note) => text(what, note, MAX_NOTE_CHARS).map(Some),
        None => Ok(None),
    }
}

/// The order id a channel carries: required for 12345 orders, allowed for third-party
/// apps, refused elsewhere.
pub fn order_id(channel: Channel, id: Option<&str>) -> Result<Option<String>, String> {
    let id = id.map(str::trim).filter(|id| !id.is_empty());
    match (channel, id) {
        (Channel::Hotline12345, None) => {
            Err("`externalOrderId` is required for HOTLINE_12345".to_owned())
        }
        (Channel::Hotline12345 | Channel::ThirdPartyApp, Some(id)) => {
            if id.len() > MAX_ORDER_ID_CHARS
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                Err("`externalOrderId` must be up to 64 letters, digits, - or _".to_owned())
            } else {
                Ok(Some(id.to_owned()))
            }
        }
        (_, Some(_)) => {
            Err("`externalOrderId` is only for HOTLINE_12345 and THIRD_PARTY_APP".to_owned())
        }
        (_, None) => Ok(None),
    }
}

/// An anonymous reporter's contact: a name and a normalised mobile number.
pub fn contact(name: &str, phone_number: &str) -> Result<(String, String), String> {
    let name = text("contact.name", name, MAX_CONTACT_NAME_CHARS)?;
    let phone = Phone::parse(phone_number)
        .map_err(|_| "`contact.phone` must be a mainland mobile number".to_owned())?;
    Ok((name, phone.into_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(text("description", "  漏水  ", 10).unwrap(), "漏水");
        assert!(text("description", "   ", 10).is_err());
        assert!(text("description", &"字".repeat(11), 10).is_err());
        assert!(text("description", "a\u{0}b", 10).is_err());
    }

    #[test]
    fn hotline_orders_need_an_order_id_and_other_channels_refuse_one() {
        assert!(order_id(Channel::Hotline12345, None).is_err());
        assert_eq!(
            order_id(Channel::Hotline12345, Some("GD-2026-1")).unwrap(),
            Some("GD-2026-1".to_owned())
        );
        assert!(order_id(Channel::WalkIn, Some("X1")).is_err());
        assert!(order_id(Channel::Hotline12345, Some("bad id")).is_err());
        assert_eq!(order_id(Channel::MiniProgram, None).unwrap(), None);
    }
}
