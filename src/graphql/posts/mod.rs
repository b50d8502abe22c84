//! Posts (岗位) in the API: the `Post` node, the `posts` list with its filter,
//! `building.leaders`, the `appointPost` / `endPost` mutations, and the public
//! `noticeBoard(buildingId)` of a building (三长公示牌), the one field open to
//! anonymous callers.

mod board;
mod enums;
mod filters;
mod inputs;
mod leaders;
mod mutations;
mod post;
mod queries;

pub use leaders::building_leaders;
pub use mutations::PostsMutation;
pub use post::Post;
pub use queries::PostsQuery;
