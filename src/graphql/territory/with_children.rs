//! Which territory look-ups fetch their children in the same statement, and what each
//! child row can count along ([`crate::graphql::pagination::with_children`]).

use async_graphql::SelectionField;
use sea_orm::sea_query::SimpleExpr;

use entity::{building, community, grid, household, resident, street, unit};

use super::counters::{Counter, GridCount};
use super::{Building, Community, District, Grid, Household, Resident, Street, Unit};
use crate::error::AppResult;
use crate::graphql::pagination::with_children::children_count;
use crate::graphql::pagination::{Column, DbLoader, Extra, Parent, Prefetched, RowExtras};

/// `$parent.$field` lists the `$child`ren whose `$via` points at it.
macro_rules! parent {
    ($parent:ty, $field:literal, $child:ty, $via:expr) => {
        impl Parent for $parent {
            type Child = $child;
            const CHILDREN: &'static str = $field;
            fn via() -> Column<$child> {
                $via
            }
        }
    };
}

parent!(District, "streets", Street, street::Column::DistrictId);
parent!(
    Street,
    "communities",
    Community,
    community::Column::StreetId
);
parent!(Community, "grids", Grid, grid::Column::CommunityId);
parent!(Grid, "buildings", Building, building::Column::GridId);
parent!(Building, "units", Unit, unit::Column::BuildingId);
parent!(Unit, "households", Household, household::Column::UnitId);
parent!(
    Household,
    "residents",
    Resident,
    resident::Column::HouseholdId
);

/// A child row that counts its own children along.
macro_rules! counts_children {
    ($($node:ty),*) => {$(
        impl RowExtras for $node {
            fn extras(
                node: &SelectionField<'_>,
                loader: &DbLoader,
                extras: &mut Vec<Extra>,
            ) -> AppResult<()> {
                children_count::<$node>(node, loader, extras)
            }
        }
    )*};
}

counts_children!(Street, Community, Building, Unit, Household);

impl RowExtras for Resident {}

/// Where a counted figure of one grid is left for its resolver.
type Keep = fn(&Prefetched, i32, u64);

/// A grid counts its buildings and, when asked, its households, residents and elderly.
impl RowExtras for Grid {
    fn extras(
        node: &SelectionField<'_>,
        loader: &DbLoader,
        extras: &mut Vec<Extra>,
    ) -> AppResult<()> {
        children_count::<Grid>(node, loader, extras)?;
        let counters: [(&'static str, Counter, Keep); 3] = [
            (
                "householdCount",
                Counter::Households,
                |prefetched, grid, n| {
                    prefetched.put(
                        GridCount {
                            grid,
                            counter: Counter::Households,
                        },
                        n,
                    )
                },
            ),
            (
                "residentCount",
                Counter::Residents,
                |prefetched, grid, n| {
                    prefetched.put(
                        GridCount {
                            grid,
                            counter: Counter::Residents,
                        },
                        n,
                    )
                },
            ),
            ("elderlyCount", Counter::Elderly, |prefetched, grid, n| {
                prefetched.put(
                    GridCount {
                        grid,
                        counter: Counter::Elderly,
                    },
                    n,
                )
            }),
        ];
        for (field, counter, keep) in counters {
            if node
                .selection_set()
                .any(|selected| selected.name() == field)
            {
                let count = loader.count_under_grid(counter)?;
                extras.push(Extra {
                    name: field,
                    expr: SimpleExpr::SubQuery(None, Box::new(count.into())),
                    keep,
                });
            }
        }
        Ok(())
    }
}
