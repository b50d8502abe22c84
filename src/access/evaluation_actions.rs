//! Who sets the weights of performance evaluation (绩效评估): district administrators
//! on a district grant, since the weights judge every street, community and grid.
//! Everyone who may read dashboards reads evaluations of what they may count.

use super::roles::{AreaKind, Role};
use super::viewer::{PrincipalKind, Viewer};

/// The account id of a viewer who may set evaluation weights.
pub fn setter(viewer: &Viewer) -> Option<i32> {
    let principal = viewer.principal()?;
    let district_admin = principal
        .grants
        .iter()
        .any(|grant| grant.role == Role::DistrictAdmin && grant.area.kind == AreaKind::District);
    (principal.kind == PrincipalKind::User && district_admin).then_some(principal.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::post_actions::tests::user;

    #[test]
    fn only_district_administrators_set_weights() {
        let admin = user(Role::DistrictAdmin, AreaKind::District, "1/");
        assert_eq!(setter(&admin), Some(7));
        let street = user(Role::StreetAdmin, AreaKind::Street, "1/2/");
        assert_eq!(setter(&street), None);
        assert_eq!(setter(&Viewer::Anonymous), None);
    }
}
