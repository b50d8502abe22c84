//! A property test of the request path: random documents, variables and bodies (from a
//! grammar of the schema's own field and argument names, and by mangling valid
//! requests) never make the server panic or answer 500, and every refusal carries an
//! error code. Deterministic: the seed is fixed, so a failure replays.

use serde_json::{Value, json};

use crate::harness::{Fixture, TestApp};

const SEED: u64 = 0x5EED_F00D;
const CASES: usize = 400;

/// splitmix64: enough randomness for generating inputs, and replayable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Field names beside the root connections' (valid in some places, not in others).
const OTHER_FIELDS: &[&str] = &[
    "district",
    "street",
    "community",
    "grid",
    "building",
    "unit",
    "household",
    "resident",
    "node",
    "me",
    "auditLog",
    "edges",
    "node",
    "nodes",
    "pageInfo",
    "totalCount",
    "id",
    "name",
    "code",
    "path",
    "ageBand",
    "phone",
    "idNumber",
    "tags",
    "hasNextPage",
    "endCursor",
    "__typename",
    "__schema",
    "nope",
];
const ARGUMENTS: &[&str] = &[
    "first", "last", "after", "before", "filter", "orderBy", "id", "input",
];

fn value(rng: &mut Rng, depth: usize) -> String {
    match rng.below(if depth > 2 { 6 } else { 9 }) {
        0 => rng
            .pick(&["0", "-1", "1", "100", "101", "2147483648", "1e308", "3.5"])
            .to_string(),
        1 => format!(
            "\"{}\"",
            rng.pick(&["", "Q29tbXVuaXR5OjE", "x\\u0000y", "🙂", "' OR 1=1 --"])
        ),
        2 => rng
            .pick(&["true", "null", "ASC", "ID_DESC", "ELDERLY"])
            .to_string(),
        3 => format!("${}", rng.pick(&["v", "first", "missing"])),
        4 => "[]".into(),
        5 => rng.pick(&["{}", "{areaId: 1}"]).to_string(),
        6 => format!("[{}, {}]", value(rng, depth + 1), value(rng, depth + 1)),
        _ => format!(
            "{{{}: {}}}",
            rng.pick(&["areaId", "tags", "ageMin", "x"]),
            value(rng, depth + 1)
        ),
    }
}

fn selection(rng: &mut Rng, depth: usize) -> String {
    let count = 1 + rng.below(3);
    let mut out = Vec::new();
    for _ in 0..count {
        let mut field = String::new();
        if rng.below(5) == 0 {
            field.push_str(&format!("a{}: ", rng.below(4)));
        }
        let names = if rng.below(3) == 0 {
            CONNECTIONS
        } else {
            OTHER_FIELDS
        };
        let name: &&str = rng.pick(names);
        field.push_str(name);
        if rng.below(3) == 0 {
            let argument = rng.pick(ARGUMENTS);
            field.push_str(&format!("({argument}: {})", value(rng, 0)));
        }
        if rng.below(8) == 0 {
            field.push_str(" @skip(if: false)");
        }
        if depth < 6 && rng.below(2) == 0 {
            field.push_str(&format!(" {{ {} }}", selection(rng, depth + 1)));
        }
        out.push(field);
    }
    if rng.below(10) == 0 {
        out.push("...F".into());
    }
    out.join(" ")
}

const CONNECTIONS: &[&str] = &[
    "districts",
    "streets",
    "communities",
    "grids",
    "buildings",
    "households",
    "residents",
];

/// A document valid against the schema, but for the values of its arguments.
fn valid_document(rng: &mut Rng) -> String {
    let mut roots = Vec::new();
    for n in 0..1 + rng.below(2) {
        let connection = rng.pick(CONNECTIONS);
        // Mostly good page arguments; now and then one a client gets wrong.
        let page = match rng.below(6) {
            0 | 1 => String::new(),
            2 => format!("(first: {})", rng.pick(&[0, 1, 5, 100, 101, -3])),
            3 => format!("(last: {})", rng.below(4)),
            4 => format!("(first: 2, after: \"{}\")", rng.pick(&["", "bm9wZQ", "x"])),
            _ => format!("(first: 2, after: {})", value(rng, 0)),
        };
        let inner = match rng.below(4) {
            0 => "totalCount",
            1 => "pageInfo { hasNextPage endCursor }",
            2 => "edges { cursor node { id __typename } }",
            _ => "nodes { id }",
        };
        roots.push(format!("r{n}: {connection}{page} {{ {inner} }}"));
    }
    if rng.below(3) == 0 {
        roots.push("me { name }".into());
    }
    format!("query Q {{ {} }}", roots.join(" "))
}

fn document(rng: &mut Rng) -> String {
    if rng.below(2) == 0 {
        let mut text = valid_document(rng);
        if rng.below(5) == 0 {
            mangle(rng, &mut text);
        }
        return text;
    }
    let operation = rng.pick(&[
        "",
        "query Q($v: Int) ",
        "mutation M ",
        "subscription S ",
        "query ",
    ]);
    let mut text = format!("{operation}{{ {} }}", selection(rng, 0));
    if rng.below(6) == 0 {
        text.push_str(" fragment F on Query { me { id } }");
    }
    if rng.below(4) == 0 {
        mangle(rng, &mut text);
    }
    text
}

/// Deletes, duplicates or truncates a piece of `text`.
fn mangle(rng: &mut Rng, text: &mut String) {
    let bytes = text.as_bytes();
    let at = rng.below(bytes.len().max(1));
    let mut mangled = bytes.to_vec();
    match rng.below(4) {
        0 => mangled.truncate(at),
        1 => {
            mangled.remove(at.min(mangled.len() - 1));
        }
        2 => {
            let piece = mangled[at..].to_vec();
            mangled.extend(piece);
        }
        _ => mangled.insert(
            at,
            *rng.pick(&[b'{', b'}', b'(', b'"', b'$', b'@', b'\\', 0xff]),
        ),
    }
    *text = String::from_utf8_lossy(&mangled).into_owned();
}

fn body(rng: &mut Rng) -> Value {
    let variables = match rng.below(8) {
        0 => json!({ "v": 5 }),
        1 => json!({ "v": "five", "first": [1] }),
        2 => json!([1, 2]),
        3 => Value::Null,
        4 => json!("not an object"),
        _ => json!({}),
    };
    match rng.below(12) {
        0 => json!([{ "query": document(rng) }]),
        1 => json!({ "query": 42 }),
        2 => json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "ab" } } }),
        3 => json!("{ me { id } }"),
        _ => {
            json!({ "query": document(rng), "variables": variables, "operationName": rng.pick(&[Value::Null, Value::Null, json!("Q"), json!("Nope")]) })
        }
    }
}

#[tokio::test]
async fn random_requests_never_panic_or_answer_500_and_every_refusal_has_a_code() {
    let app = TestApp::seeded(Fixture::Tiny).await;
    let mut rng = Rng(SEED);
    let (mut executed, mut refused) = (0, 0);
    for case in 0..CASES {
        let body = body(&mut rng);
        let mut request = app.client().post(app.url("/graphql"));
        if rng.below(4) != 0 {
            request = request.bearer_auth(app.staff_token());
        }
        let response = request.json(&body).send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        assert_ne!(status, 500, "case {case}: {body} → {text}");
        let answer: Value =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("case {case}: not JSON: {text}"));
        // Executed: some data came back, or a resolver failed at a path.
        let resolved = answer["errors"]
            .as_array()
            .is_some_and(|errors| errors.iter().any(|error| error.get("path").is_some()));
        if resolved || answer.get("data").is_some_and(|data| !data.is_null()) {
            executed += 1;
        } else {
            refused += 1;
        }
        if let Some(errors) = answer.get("errors").and_then(Value::as_array) {
            for error in errors {
                assert!(
                    error["extensions"]["code"].is_string(),
                    "case {case}: {body} → {text}"
                );
                assert_ne!(
                    error["extensions"]["code"], "INTERNAL",
                    "case {case}: {body} → {text}"
                );
            }
        }
    }
    // The generator reaches both sides: documents that run and documents refused.
    assert!(
        executed >= CASES / 20 && refused >= CASES / 20,
        "{executed} ran, {refused} refused"
    );
    let health = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200);
}
