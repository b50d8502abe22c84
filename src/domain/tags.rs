//! Resident tags. Stored tags are bits of `resident.tags`; ELDERLY and CHILD are derived
//! from the birth date on the day asked, so they are never stale.

use async_graphql::Enum;

/// Age at which a resident counts as ELDERLY (老年人).
pub const ELDERLY_AGE: u32 = 60;
/// Below this age a resident counts as a CHILD (未成年人).
pub const ADULT_AGE: u32 = 18;

/// A label that puts a resident in a group the community looks after.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ResidentTag {
    /// 60 or older (derived from the birth date).
    Elderly,
    /// Under 18 (derived from the birth date).
    Child,
    /// Lives alone (独居).
    LivingAlone,
    /// Elderly whose children live elsewhere (空巢).
    EmptyNest,
    /// Holds a disability certificate (残疾).
    Disabled,
    /// Child whose parents work away (留守儿童).
    LeftBehindChild,
    /// Receives subsistence allowance (低保).
    LowIncome,
    /// Veteran (退役军人).
    Veteran,
    /// Entitled to special care (优抚对象).
    SpecialCare,
    /// Seriously ill (大病).
    SeriouslyIll,
    /// Unemployed and seeking work (失业).
    Unemployed,
}

impl ResidentTag {
    /// Tags kept in the `tags` column, in bit order. Never reorder: the bits are stored.
    pub const STORED: [ResidentTag; 9] = [
        ResidentTag::LivingAlone,
        ResidentTag::EmptyNest,
        ResidentTag::Disabled,
        ResidentTag::LeftBehindChild,
        ResidentTag::LowIncome,
        ResidentTag::Veteran,
        ResidentTag::SpecialCare,
        ResidentTag::SeriouslyIll,
        ResidentTag::Unemployed,
    ];

    /// The stored bit, or `None` for a tag derived from age.
    pub fn bit(self) -> Option<i64> {
        Self::STORED
            .iter()
            .position(|tag| *tag == self)
            .map(|index| 1 << index)
    }

    /// Stored tags present in `bits`, in a stable order.
    pub fn from_bits(bits: i64) -> impl Iterator<Item = ResidentTag> {
        Self::STORED
            .into_iter()
            .enumerate()
            .filter(move |(index, _)| bits & (1 << index) != 0)
            .map(|(_, tag)| tag)
    }

    /// The bit set of the stored tags among `tags`.
    pub fn bits_of(tags: &[ResidentTag]) -> i64 {
        tags.iter()
            .filter_map(|tag| tag.bit())
            .fold(0, |acc, bit| acc | bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_tags_round_trip_through_bits() {
        let tags = [ResidentTag::Disabled, ResidentTag::Veteran];
        let bits = ResidentTag::bits_of(&tags);
        assert_eq!(ResidentTag::from_bits(bits).collect::<Vec<_>>(), tags);
    }

    #[test]
    fn derived_tags_have_no_bit() {
        assert_eq!(ResidentTag::Elderly.bit(), None);
        assert_eq!(ResidentTag::bits_of(&[ResidentTag::Child]), 0);
    }
}
