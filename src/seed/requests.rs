//! Demo requests for `serve --demo`: a few requests in the first grid at different
//! points of their lifecycle, made through the same service calls (and permission
//! checks) as the API, by the demo accounts themselves.

use entity::building;
use entity::request_enums::{Channel, Satisfaction, Urgency};
use sea_orm::{EntityTrait, QueryOrder};

use crate::AppState;
use crate::access::Viewer;
use crate::access::audit::RequestMeta;
use crate::error::{AppError, AppResult};
use crate::service::change::Change;
use crate::service::requests::{
    self, Changed, Command, NewRequest, Place, Reporter, VerificationStep,
};

/// Creates the demo requests; returns how many.
pub async fn seed_demo_requests(state: &AppState) -> AppResult<usize> {
    let demo = Demo::new(state).await?;
    let building = first_building(state).await?;
    let household = demo.home_of("resident").await?;

    let repair = new(
        Channel::MiniProgram,
        "PROPERTY_REPAIR",
        Place::Household(household),
    );
    demo.submit("resident", repair, Reporter::Myself).await?;

    let mut hotline = new(
        Channel::Hotline12345,
        "SANITATION",
        Place::Building(building),
    );
    hotline.external_order_id = Some("GD20261201-0001".to_owned());
    hotline.urgency = Urgency::Urgent;
    let contact = Reporter::Contact {
        name: "李建国".to_owned(),
        phone: "13900001234".to_owned(),
    };
    let hotline = demo.submit("community.staff", hotline, contact).await?;
    let hotline = demo.dispatch(hotline).await?;
    demo.steps("grid.worker", hotline, [sign(), start()])
        .await?;

    let parking = new(Channel::WalkIn, "PARKING", Place::Building(building));
    let parking = demo
        .submit("community.staff", parking, Reporter::Myself)
        .await?;
    let accept = Command::Accept { note: None };
    demo.steps("community.staff", parking, [accept]).await?;

    let hazard = new(
        Channel::GridVisit,
        "SAFETY_HAZARD",
        Place::Building(building),
    );
    let hazard = demo.submit("grid.worker", hazard, Reporter::Myself).await?;
    let hazard = demo.dispatch(hazard).await?;
    let resolve = Command::Resolve {
        note: "已清理楼道堆放的杂物，消防通道畅通".to_owned(),
    };
    let hazard = demo
        .steps("grid.worker", hazard, [sign(), start(), resolve])
        .await?;
    let checks = [
        verify(VerificationStep::Begin),
        verify(VerificationStep::Pass),
        Command::Evaluate {
            satisfaction: Satisfaction::Satisfied,
            comment: Some("回访满意".to_owned()),
        },
    ];
    demo.steps("community.staff", hazard, checks).await?;
    Ok(4)
}

fn new(channel: Channel, category: &str, place: Place) -> NewRequest {
    let description = match category {
        "PROPERTY_REPAIR" => "卫生间漏水，渗到楼下邻居家",
        "SANITATION" => "小区门口垃圾桶满溢，两天没有清运",
        "PARKING" => "消防通道常年被私家车占用",
        _ => "三楼楼道堆放纸箱和旧家具，堵住了消防通道",
    };
    NewRequest {
        channel,
        external_order_id: None,
        category_code: category.to_owned(),
        place,
        reporter: Reporter::Myself,
        description: description.to_owned(),
        attachments: Vec::new(),
        urgency: Urgency::Normal,
    }
}

fn sign() -> Command {
    Command::Sign { note: None }
}

fn start() -> Command {
    Command::Start { note: None }
}

fn verify(step: VerificationStep) -> Command {
    Command::Verify { step, note: None }
}

struct Demo<'a> {
    state: &'a AppState,
    meta: RequestMeta,
    grid_worker: i32,
}

impl<'a> Demo<'a> {
    async fn new(state: &'a AppState) -> AppResult<Demo<'a>> {
        let grid_worker = Self::viewer(state, "grid.worker").await?;
        let grid_worker = grid_worker.principal().map(|p| p.id).unwrap_or_default();
        Ok(Demo {
            state,
            meta: RequestMeta::default(),
            grid_worker,
        })
    }

    async fn viewer(state: &AppState, username: &str) -> AppResult<Viewer> {
        let token = state.auth.issue_token_for_user(username).await?;
        Ok(Viewer::Principal(
            state.auth.authenticate(&token.token).await?,
        ))
    }

    /// The household a resident account is granted on.
    async fn home_of(&self, user: &str) -> AppResult<i32> {
        let viewer = Self::viewer(self.state, user).await?;
        let grant = viewer.principal().and_then(|p| p.grants.first().cloned());
        grant
            .map(|grant| grant.area.id)
            .ok_or_else(|| AppError::Internal(format!("{user} has no grant")))
    }

    async fn submit(&self, user: &str, mut new: NewRequest, who: Reporter) -> AppResult<Changed> {
        new.reporter = who;
        let viewer = Self::viewer(self.state, user).await?;
        requests::submit(&self.change(&viewer), new).await
    }

    /// Community staff accept and assign to the grid worker.
    async fn dispatch(&self, changed: Changed) -> AppResult<Changed> {
        let commands = [
            Command::Accept { note: None },
            Command::Assign {
                assignee: self.grid_worker,
                note: None,
            },
        ];
        self.steps("community.staff", changed, commands).await
    }

    async fn steps(
        &self,
        user: &str,
        mut changed: Changed,
        commands: impl IntoIterator<Item = Command>,
    ) -> AppResult<Changed> {
        let viewer = Self::viewer(self.state, user).await?;
        for command in commands {
            let request = &changed.request;
            let change = self.change(&viewer);
            changed =
                requests::transition(&change, "seed", request.id, request.version, command).await?;
        }
        Ok(changed)
    }

    fn change<'v>(&'v self, viewer: &'v Viewer) -> Change<'v> {
        let now = self.state.clock.now();
        Change::new(&self.state.db, viewer, &self.meta, now).with_events(&self.state.events)
    }
}

async fn first_building(state: &AppState) -> AppResult<i32> {
    let row = building::Entity::find()
        .order_by_asc(building::Column::Id)
        .one(&state.db)
        .await?;
    row.map(|row| row.id)
        .ok_or_else(|| AppError::Internal("no building to seed requests on".to_owned()))
}
