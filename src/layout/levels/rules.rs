//! The rules the simple path applies after its first pass, over the types
//! in the levels buffer (a type at each character's first byte,
//! [`class::CONT`] at the rest): W4–W7, N0, then N1–N2 with I1–I2.

use super::class;

/// Set the types of `types` but the [`class::CONT`] bytes to `t`.
#[inline]
fn fill_kept(types: &mut [u8], t: u8) {
    for slot in types {
        if *slot != class::CONT {
            *slot = t;
        }
    }
}

/// The character before byte `at`: the last byte before it that is not
/// [`class::CONT`].
#[inline]
fn before(types: &[u8], at: usize) -> Option<usize> {
    types[..at].iter().rposition(|&t| t != class::CONT)
}

/// The character at or after byte `at`: the first byte from it on that is
/// not [`class::CONT`].
#[inline]
fn from(types: &[u8], at: usize) -> Option<usize> {
    types[at..]
        .iter()
        .position(|&t| t != class::CONT)
        .map(|offset| at + offset)
}

/// The first byte of `types` from `from` on for which `hit` holds, looked
/// for 32 bytes at a time with no branch inside (the compiler makes the
/// test a few vector instructions): the types W4–W7 change are rare.
#[inline]
fn find(types: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> Option<usize> {
    const CHUNK: usize = 32;
    let mut at = from;
    for chunk in types[from..].chunks_exact(CHUNK) {
        if chunk.iter().fold(false, |any, &t| any | hit(t)) {
            break;
        }
        at += CHUNK;
    }
    types[at..]
        .iter()
        .position(|&t| hit(t))
        .map(|offset| at + offset)
}

/// W4–W7 over the run sequence (W1–W3 were done as the classes were read).
/// Only European digits, terminators and separators can change (the first
/// pass left a separator only after a number): the rules look for those,
/// and between them only for the last strong type, so a paragraph with a
/// number here and there costs a search of its types, not the rules at
/// every character.
pub(super) fn resolve_weak(types: &mut [u8], sos: u8) {
    use class::*;
    // W4: one separator between two numbers of the same kind joins them.
    let mut scanned = 0;
    while let Some(i) = find(types, scanned, |t| (t == ES) | (t == CS)) {
        scanned = i + 1;
        let (Some(b), Some(a)) = (before(types, i), from(types, i + 1)) else {
            continue;
        };
        types[i] = match (types[b], types[i], types[a]) {
            (EN, ES | CS, EN) => EN,
            (AN, CS, AN) => AN,
            (_, t, _) => t,
        };
    }
    // W5: terminators next to European digits are European digits.
    // W6: other separators and terminators are neutral.
    // W7: European digits after L are L.
    let mut last_strong = sos; // the last L or R in types[..scanned]
    let mut scanned = 0;
    let mut previous_en = false; // the type before `scanned` was EN before W7
    while let Some(i) = find(types, scanned, |t| NUMBER_WEAK.contains(&t)) {
        let between = &types[scanned..i];
        if between.iter().any(|&t| t != CONT) {
            // Characters W4–W7 leave alone lie between.
            previous_en = false;
            if let Some(&t) = between.iter().rev().find(|&&t| matches!(t, L | R)) {
                last_strong = t;
            }
        }
        let t = types[i];
        if t == ET {
            let mut end = i;
            while end < types.len() && matches!(types[end], ET | CONT) {
                end += 1;
            }
            let digits = previous_en || (end < types.len() && types[end] == EN);
            let resolved = match (digits, last_strong) {
                (true, L) => L,
                (true, _) => EN,
                (false, _) => ON,
            };
            fill_kept(&mut types[i..end], resolved);
            previous_en = digits;
            scanned = end;
            continue;
        }
        previous_en = t == EN;
        match t {
            ES | CS => types[i] = ON,
            EN if last_strong == L => types[i] = L,
            _ => {}
        }
        scanned = i + 1;
    }
}

/// The direction a resolved type gives its neighbours: numbers count as R.
#[inline]
fn strong(t: u8) -> Option<u8> {
    use class::*;
    match t {
        L => Some(L),
        R | AL | EN | AN => Some(R),
        _ => None,
    }
}

/// N0: paired brackets take the direction of what they enclose.
pub(super) fn resolve_brackets(
    types: &mut [u8],
    pairs: &mut [(u32, u32)],
    marks: &[(u32, u32)],
    embedding: u8,
) {
    use class::*;
    pairs.sort_unstable();
    let opposite = if embedding == L { R } else { L };
    for &(open, close) in pairs.iter() {
        let (open, close) = (open as usize, close as usize);
        let mut found_embedding = false;
        let mut found_opposite = false;
        for &t in &types[open + 1..close] {
            match strong(t) {
                Some(d) if d == embedding => {
                    found_embedding = true;
                    break;
                }
                Some(_) => found_opposite = true,
                None => {}
            }
        }
        let resolved = if found_embedding {
            embedding
        } else if found_opposite {
            let before = types[..open]
                .iter()
                .rev()
                .find_map(|&t| strong(t))
                .unwrap_or(embedding);
            if before == opposite {
                opposite
            } else {
                embedding
            }
        } else {
            continue;
        };
        for at in [open, close] {
            types[at] = resolved;
            // Marks that followed the bracket follow its new direction.
            if let Ok(i) = marks.binary_search_by_key(&(at as u32), |&(b, _)| b) {
                fill_kept(&mut types[at + 1..marks[i].1 as usize], resolved);
            }
        }
    }
}

/// N1–N2, then I1–I2, in one pass forwards: neutrals between two of the
/// same direction take it, the rest take the embedding direction; then
/// every type becomes its level. A character's other bytes, and a removed
/// BN, take the level of the byte before (the paragraph's at its start).
///
/// A run of neutrals is given the level of the direction before it as it
/// is passed. That is its level unless the direction before it is not the
/// embedding's and the one after it differs: only then is it set again,
/// once the type after it is known.
pub(super) fn resolve_neutral_and_levels(types: &mut [u8], embedding: u8, paragraph_level: u8) {
    use class::*;
    const NEUTRAL: u32 = 1 << B | 1 << S | 1 << WS | 1 << ON;
    let is_neutral = |t: u8| (NEUTRAL >> (t & 31)) & 1 != 0;
    let mut level_of = [paragraph_level; 32];
    if paragraph_level == 0 {
        level_of[usize::from(R)] = 1;
        level_of[usize::from(AN)] = 2;
        level_of[usize::from(EN)] = 2;
    } else {
        for t in [L, AN, EN] {
            level_of[usize::from(t)] = paragraph_level + 1;
        }
    }
    let level_of = |t: u8| level_of[usize::from(t & 31)];
    // The level of the last byte; the direction of the last character that
    // is not a neutral, and the level a neutral after it takes unless the
    // run's end says otherwise; where the run of neutrals since began.
    let mut level = paragraph_level;
    let mut before = embedding;
    let mut neutral_level = level_of(embedding);
    let mut run: Option<usize> = None;
    for i in 0..types.len() {
        let t = types[i];
        if t != CONT {
            if is_neutral(t) {
                run.get_or_insert(i);
                level = neutral_level;
            } else {
                // After W1–W7 and N0 every type but the neutrals is L, R,
                // EN or AN.
                let after = strong(t).unwrap_or(embedding);
                if let Some(start) = run.take()
                    && before != embedding
                    && after != before
                {
                    types[start..i].fill(level_of(embedding));
                }
                before = after;
                neutral_level = level_of(after);
                level = level_of(t);
            }
        }
        types[i] = level;
    }
    // The end of the paragraph (eos) is the embedding direction.
    if let Some(start) = run
        && before != embedding
    {
        types[start..].fill(level_of(embedding));
    }
}
