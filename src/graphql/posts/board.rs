//! The `NoticeBoard` of a building (三长公示牌) as the API shows it: explicit output
//! types over `access::notice_board`, with no ids and nothing about the holders.

use async_graphql::SimpleObject;

use super::enums::{PostKind, ServiceKind};
use crate::access::notice_board;

/// A building's public notice board: its three leaders and its service numbers.
#[derive(SimpleObject)]
pub struct NoticeBoard {
    /// The building's name.
    pub building: String,
    /// The grid leader of its grid, its building leader, then its unit leaders.
    pub leaders: Vec<BoardLeader>,
    /// The numbers to call for water, power, gas, the property and the community office.
    pub service_numbers: Vec<ServiceNumber>,
}

/// One leader on a notice board.
#[derive(SimpleObject)]
pub struct BoardLeader {
    /// GRID_LEADER, BUILDING_LEADER or UNIT_LEADER.
    pub kind: PostKind,
    /// The unit a unit leader serves, e.g. `1单元`.
    pub unit: Option<String>,
    /// The name they show.
    pub display_name: String,
    /// The relay phone to call them on.
    pub relay_phone: String,
}

/// One service number on a notice board.
#[derive(SimpleObject)]
pub struct ServiceNumber {
    /// What the number is for.
    pub service: ServiceKind,
    /// The number to call.
    pub phone: String,
}

impl From<notice_board::NoticeBoard> for NoticeBoard {
    fn from(board: notice_board::NoticeBoard) -> Self {
        NoticeBoard {
            building: board.building,
            leaders: board
                .leaders
                .into_iter()
                .map(|leader| BoardLeader {
                    kind: leader.kind.into(),
                    unit: leader.unit,
                    display_name: leader.display_name,
                    relay_phone: leader.relay_phone,
                })
                .collect(),
            service_numbers: board
                .service_numbers
                .into_iter()
                .map(|(service, phone)| ServiceNumber {
                    service: service.into(),
                    phone,
                })
                .collect(),
        }
    }
}
