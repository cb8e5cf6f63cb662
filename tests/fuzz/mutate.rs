//! Mutations for text formats: byte flips, lines spliced from other seeds, duplicated,
//! deleted and swapped lines, a token repeated many times, deep nesting, odd characters, odd
//! numbers, truncation (unterminated fences and front matter), case and line-ending changes.
//!
//! All randomness comes from the [`TestRng`] given, so a case is a pure function of its seed.

use proptest::prelude::RngExt;
use proptest::test_runner::TestRng;

use super::seeds::Seeds;
use super::target::{ODD_CHARACTERS, ODD_NUMBERS, Target};

/// A mutated file larger than this is not written: the mutation that grew it is undone.
pub const MAX_BYTES: usize = 4 << 20;

/// The mutations, with their relative weights.
const MUTATIONS: &[(Mutation, u32)] = &[
    (Mutation::FlipByte, 3),
    (Mutation::SpliceLine, 6),
    (Mutation::SpliceRun, 3),
    (Mutation::DuplicateLines, 4),
    (Mutation::DeleteLines, 4),
    (Mutation::SwapLines, 2),
    (Mutation::RepeatToken, 6),
    (Mutation::Nest, 3),
    (Mutation::OddCharacter, 4),
    (Mutation::OddNumber, 3),
    (Mutation::Truncate, 2),
    (Mutation::DeleteFenceLine, 2),
    (Mutation::InsertToken, 5),
    (Mutation::ChangeCase, 1),
    (Mutation::LineEndings, 1),
];

/// One kind of mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    /// Flips one bit of one byte, or sets a byte to a random value.
    FlipByte,
    /// Inserts or replaces a line with one from another seed.
    SpliceLine,
    /// Inserts a run of consecutive lines from another seed.
    SpliceRun,
    /// Repeats a run of lines, a few times or many.
    DuplicateLines,
    /// Deletes a run of lines.
    DeleteLines,
    /// Swaps two lines.
    SwapLines,
    /// Inserts a token of the target (or a piece of the line) repeated 2 to 40,000 times.
    RepeatToken,
    /// Wraps lines in a nesting construct of the target, up to thousands deep.
    Nest,
    /// Inserts a control character, NBSP, a combining mark, invalid UTF-8…
    OddCharacter,
    /// Replaces a number by a huge, negative or malformed one.
    OddNumber,
    /// Cuts the region short (unterminated fences, front matter, strings).
    Truncate,
    /// Deletes a fence or front matter delimiter line.
    DeleteFenceLine,
    /// Inserts a token of the target once.
    InsertToken,
    /// Upper- or lowercases a line.
    ChangeCase,
    /// Switches to CRLF line endings, or drops the final newline.
    LineEndings,
}

/// Applies one to eight random mutations to `region`; returns the result and the mutations
/// applied, in order.
pub fn mutate(
    rng: &mut TestRng,
    target: Target,
    region: &[u8],
    seeds: &Seeds,
) -> (Vec<u8>, Vec<Mutation>) {
    let mut lines: Vec<Vec<u8>> = region.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let count = 1 + (rng.random_range(0..8u32) * rng.random_range(0..8u32)) / 8;
    let mut applied = Vec::new();
    for _ in 0..count {
        let mutation = pick_mutation(rng);
        let before = lines.clone();
        apply(rng, mutation, target, &mut lines, seeds);
        let size: usize = lines.iter().map(|line| line.len() + 1).sum();
        if size > MAX_BYTES {
            lines = before;
        } else {
            applied.push(mutation);
        }
    }
    (lines.join(&b'\n'), applied)
}

fn pick_mutation(rng: &mut TestRng) -> Mutation {
    let total: u32 = MUTATIONS.iter().map(|(_, weight)| weight).sum();
    let mut roll = rng.random_range(0..total);
    for (mutation, weight) in MUTATIONS {
        if roll < *weight {
            return *mutation;
        }
        roll -= weight;
    }
    Mutation::FlipByte
}

fn apply(
    rng: &mut TestRng,
    mutation: Mutation,
    target: Target,
    lines: &mut Vec<Vec<u8>>,
    seeds: &Seeds,
) {
    let at = rng.random_range(0..=lines.len());
    let line = rng.random_range(0..lines.len().max(1));
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    match mutation {
        Mutation::FlipByte => {
            let bytes = &mut lines[line];
            if bytes.is_empty() {
                bytes.push(rng.random());
            } else {
                let index = rng.random_range(0..bytes.len());
                if rng.random_bool(0.5) {
                    bytes[index] ^= 1 << rng.random_range(0..8u32);
                } else {
                    bytes[index] = rng.random();
                }
            }
        }
        Mutation::SpliceLine => {
            let borrowed = borrow_line(rng, target, seeds);
            if rng.random_bool(0.5) {
                lines.insert(at, borrowed);
            } else {
                lines[line] = borrowed;
            }
        }
        Mutation::SpliceRun => {
            let pool = pool(rng, target, seeds);
            if !pool.is_empty() {
                let start = rng.random_range(0..pool.len());
                let end = (start + rng.random_range(2..24)).min(pool.len());
                lines.splice(at..at, pool[start..end].iter().cloned());
            }
        }
        Mutation::DuplicateLines => {
            let end = (line + rng.random_range(1..8)).min(lines.len());
            let run = lines[line..end].to_vec();
            let times = repetitions(rng).min(20_000 / run.len().max(1)).max(1);
            let copies: Vec<Vec<u8>> = (0..times).flat_map(|_| run.iter().cloned()).collect();
            lines.splice(end..end, copies);
        }
        Mutation::DeleteLines => {
            let end = (line + rng.random_range(1..12)).min(lines.len());
            lines.drain(line..end);
        }
        Mutation::SwapLines => {
            let other = rng.random_range(0..lines.len());
            lines.swap(line, other);
        }
        Mutation::RepeatToken => {
            let token = if rng.random_bool(0.7) {
                pick(rng, target.tokens()).as_bytes().to_vec()
            } else {
                piece_of(rng, &lines[line])
            };
            let times = repetitions(rng);
            let separator: &[u8] = match rng.random_range(0..4u32) {
                0 => b" ",
                1 => b"\n",
                _ => b"",
            };
            let mut repeated = Vec::with_capacity((token.len() + 1) * times);
            for _ in 0..times {
                repeated.extend_from_slice(&token);
                repeated.extend_from_slice(separator);
            }
            insert_in_line(rng, &mut lines[line], &repeated);
        }
        Mutation::Nest => nest(rng, target, lines, line),
        Mutation::OddCharacter => {
            let odd = pick(rng, ODD_CHARACTERS).to_vec();
            insert_in_line(rng, &mut lines[line], &odd);
        }
        Mutation::OddNumber => {
            let number = pick(rng, ODD_NUMBERS).as_bytes();
            let bytes = &mut lines[line];
            match bytes.iter().position(u8::is_ascii_digit) {
                Some(start) => {
                    let end = bytes[start..]
                        .iter()
                        .position(|b| !b.is_ascii_digit() && *b != b'.')
                        .map_or(bytes.len(), |n| start + n);
                    bytes.splice(start..end, number.iter().copied());
                }
                None => insert_in_line(rng, bytes, number),
            }
        }
        Mutation::Truncate => {
            lines.truncate(line + 1);
            let bytes = &mut lines[line];
            let keep = rng.random_range(0..=bytes.len());
            bytes.truncate(keep);
        }
        Mutation::DeleteFenceLine => {
            let fences: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    let trimmed = l.trim_ascii_start();
                    trimmed.starts_with(b"```")
                        || trimmed.starts_with(b"~~~")
                        || l.trim_ascii_end() == b"---"
                        || trimmed == b"end"
                })
                .map(|(i, _)| i)
                .collect();
            if !fences.is_empty() {
                let index = fences[rng.random_range(0..fences.len())];
                lines.remove(index);
            }
        }
        Mutation::InsertToken => {
            let token = pick(rng, target.tokens()).as_bytes().to_vec();
            if rng.random_bool(0.3) {
                lines.insert(at, token);
            } else {
                insert_in_line(rng, &mut lines[line], &token);
            }
        }
        Mutation::ChangeCase => {
            let text = String::from_utf8_lossy(&lines[line]);
            let changed = if rng.random_bool(0.5) {
                text.to_uppercase()
            } else {
                text.to_lowercase()
            };
            lines[line] = changed.into_bytes();
        }
        Mutation::LineEndings => {
            if rng.random_bool(0.5) {
                for bytes in lines.iter_mut() {
                    bytes.push(b'\r');
                }
            } else if lines.last().is_some_and(Vec::is_empty) {
                lines.pop();
            }
        }
    }
}

/// How many times to repeat: usually a few, sometimes hundreds or tens of thousands (the
/// quadratic paths only show at scale).
fn repetitions(rng: &mut TestRng) -> usize {
    match rng.random_range(0..20u32) {
        0..=7 => rng.random_range(2..16),
        8..=13 => rng.random_range(16..256),
        14..=18 => rng.random_range(256..4096),
        _ => rng.random_range(4096..40_000),
    }
}

/// Wraps a run of lines in `depth` levels of one of the target's nesting constructs.
fn nest(rng: &mut TestRng, target: Target, lines: &mut Vec<Vec<u8>>, line: usize) {
    let nesting = *pick(rng, target.nestings());
    let mut depth = match rng.random_range(0..20u32) {
        0..=9 => rng.random_range(2..32),
        10..=16 => rng.random_range(32..512),
        _ => rng.random_range(512..4000),
    };
    if !nesting.indent.is_empty() {
        depth = depth.min(1500);
    }
    let end = (line + rng.random_range(0..6)).min(lines.len());
    let mut inner: Vec<Vec<u8>> = lines[line..end].to_vec();
    if inner.is_empty() {
        inner.push(b"x".to_vec());
    }
    let indent = |level: usize| nesting.indent.repeat(level).into_bytes();
    let mut nested = Vec::with_capacity(inner.len() + 2 * depth);
    if !nesting.open.is_empty() {
        nested.extend(
            (0..depth).map(|level| [indent(level), nesting.open.as_bytes().to_vec()].concat()),
        );
    }
    nested.extend(inner.into_iter().map(|l| [indent(depth), l].concat()));
    if !nesting.close.is_empty() {
        nested.extend(
            (0..depth)
                .rev()
                .map(|level| [indent(level), nesting.close.as_bytes().to_vec()].concat()),
        );
    }
    lines.splice(line..end, nested);
}

/// A line from the target's seeds (mostly) or from any seed.
fn borrow_line(rng: &mut TestRng, target: Target, seeds: &Seeds) -> Vec<u8> {
    let pool = pool(rng, target, seeds);
    if pool.is_empty() {
        return Vec::new();
    }
    pool[rng.random_range(0..pool.len())].clone()
}

fn pool<'s>(rng: &mut TestRng, target: Target, seeds: &'s Seeds) -> &'s [Vec<u8>] {
    if rng.random_bool(0.75) && !seeds.lines_of(target).is_empty() {
        seeds.lines_of(target)
    } else {
        seeds.all_lines()
    }
}

/// A short piece of `line` (a few bytes from a random place), or a dash when it is empty.
fn piece_of(rng: &mut TestRng, line: &[u8]) -> Vec<u8> {
    if line.is_empty() {
        return b"-".to_vec();
    }
    let start = char_boundary(line, rng.random_range(0..line.len()));
    let end = char_boundary(line, (start + rng.random_range(1..9)).min(line.len()));
    if end > start {
        line[start..end].to_vec()
    } else {
        line[start..].to_vec()
    }
}

/// Inserts `bytes` into `line` at a random character boundary.
fn insert_in_line(rng: &mut TestRng, line: &mut Vec<u8>, bytes: &[u8]) {
    let at = char_boundary(line, rng.random_range(0..=line.len()));
    line.splice(at..at, bytes.iter().copied());
}

/// The nearest UTF-8 character boundary at or before `index` (so that insertions keep valid
/// text valid; the byte flips take care of invalid text).
fn char_boundary(bytes: &[u8], mut index: usize) -> usize {
    while index > 0 && index < bytes.len() && (bytes[index] & 0b1100_0000) == 0b1000_0000 {
        index -= 1;
    }
    index
}

fn pick<'a, T>(rng: &mut TestRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}
