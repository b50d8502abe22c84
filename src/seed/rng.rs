//! A tiny deterministic generator (splitmix64). Every entity gets its own stream keyed
//! by (dataset seed, entity kind, entity id), so a row depends only on its own id and
//! the seed: the dataset is reproducible, and generating one household does not shift
//! the numbers of the next.

/// Which kind of entity a stream belongs to, so a grid and a household with the same id
/// draw different numbers.
#[derive(Clone, Copy)]
pub enum Stream {
    Community = 1,
    Building = 2,
    Household = 3,
    Resident = 4,
    Request = 5,
    // The bulk activity (`activity/`), numbered apart so other streams fit below.
    ServiceOrders = 21,
    Volunteering = 22,
    Volunteer = 23,
    Visits = 24,
    Mediation = 25,
    Points = 26,
}

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, stream: Stream, id: i32) -> Rng {
        let mut rng = Rng(seed ^ ((stream as u64) << 56) ^ (id as u64).wrapping_mul(0x9E37_79B9));
        // Two warm-up rounds spread nearby ids apart.
        rng.next_u64();
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is irrelevant for demo data.
    pub fn below(&mut self, n: u32) -> u32 {
        (self.next_u64() % u64::from(n)) as u32
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i32, high: i32) -> i32 {
        low + self.below((high - low + 1) as u32) as i32
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u32) as usize]
    }

    /// An index into `weights`, chosen with probability proportional to its weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (index, weight) in weights.iter().enumerate() {
            if roll < *weight {
                return index;
            }
            roll -= weight;
        }
        weights.len() - 1
    }
}
