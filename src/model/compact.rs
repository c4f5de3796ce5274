//! The compact form of a boundary file (`assets/world/countries-10m.bin`, written by
//! scripts/build_assets.py): per country its code and rings, positions as differences in
//! ten-thousandths of a degree, LEB128 varints. Five times smaller than the GeoJSON and read
//! without a JSON parser.

/// The first bytes of the file.
pub const MAGIC: &[u8; 8] = b"AMBOUND1";

/// One country's rings as the file holds them, each ring closed (first position repeated).
pub struct CompactFeature {
    pub iso_a3: String,
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

/// Reads the whole file, refusing anything malformed: counts that the bytes left cannot hold,
/// codes that are not upper-case letters, a truncated or overlong file.
pub fn decode(bytes: &[u8]) -> Result<Vec<CompactFeature>, String> {
    let mut reader = Reader { bytes, at: 0 };
    if reader.take(MAGIC.len())? != MAGIC {
        return Err("does not start with the boundary format's magic bytes".into());
    }
    let count = reader.count(3)?;
    let mut features = Vec::with_capacity(count);
    for index in 0..count {
        let code = reader.take(3)?;
        if !code.iter().all(u8::is_ascii_uppercase) {
            return Err(format!(
                "feature {index}: the code is not three capital letters"
            ));
        }
        let iso_a3 = String::from_utf8_lossy(code).into_owned();
        let mut last = [0i64; 2];
        let polygon_count = reader.count(1)?;
        let mut polygons = Vec::with_capacity(polygon_count);
        for _ in 0..polygon_count {
            let ring_count = reader.count(1)?;
            let mut rings = Vec::with_capacity(ring_count);
            for _ in 0..ring_count {
                // Each position takes at least two bytes.
                let positions = reader.count(2)?;
                let mut ring = Vec::with_capacity(positions + 1);
                for _ in 0..positions {
                    for axis in &mut last {
                        *axis = axis
                            .checked_add(reader.signed()?)
                            .ok_or_else(|| format!("feature {index} ({iso_a3}): overflow"))?;
                    }
                    ring.push([last[0] as f64 / 10_000.0, last[1] as f64 / 10_000.0]);
                }
                if let Some(&first) = ring.first() {
                    ring.push(first);
                }
                rings.push(ring);
            }
            polygons.push(rings);
        }
        features.push(CompactFeature { iso_a3, polygons });
    }
    if reader.at != bytes.len() {
        return Err(format!(
            "{} bytes left over after the last feature",
            bytes.len() - reader.at
        ));
    }
    Ok(features)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len());
        let Some(end) = end else {
            return Err(format!("ends early, at byte {}", self.bytes.len()));
        };
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn unsigned(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!("a number at byte {} is too long", self.at))
    }

    fn signed(&mut self) -> Result<i64, String> {
        let zigzag = self.unsigned()?;
        Ok((zigzag >> 1) as i64 ^ -((zigzag & 1) as i64))
    }

    /// A count of items each taking at least `min_bytes`: more than the bytes left could
    /// hold is refused before anything is allocated for them.
    fn count(&mut self, min_bytes: usize) -> Result<usize, String> {
        let count = self.unsigned()?;
        let left = (self.bytes.len() - self.at) / min_bytes;
        usize::try_from(count)
            .ok()
            .filter(|&count| count <= left)
            .ok_or_else(|| format!("a count of {count} at byte {} exceeds the file", self.at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn varint(mut value: u64, out: &mut Vec<u8>) {
        loop {
            let byte = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }

    fn zigzag(value: i64) -> u64 {
        ((value << 1) ^ (value >> 63)) as u64
    }

    fn one_square() -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        varint(1, &mut bytes);
        bytes.extend_from_slice(b"ABC");
        varint(1, &mut bytes);
        varint(1, &mut bytes);
        varint(3, &mut bytes);
        for [dx, dy] in [[10_000, -20_000], [10_000, 0], [0, 10_000]] {
            varint(zigzag(dx), &mut bytes);
            varint(zigzag(dy), &mut bytes);
        }
        bytes
    }

    #[test]
    fn positions_are_summed_differences_in_ten_thousandths_and_rings_close() {
        let Ok(features) = decode(&one_square()) else {
            panic!("a well-formed file decodes")
        };
        assert_eq!(features.len(), 1);
        assert_eq!(features[0].iso_a3, "ABC");
        assert_eq!(
            features[0].polygons[0][0],
            vec![[1.0, -2.0], [2.0, -2.0], [2.0, -1.0], [1.0, -2.0]]
        );
    }

    #[test]
    fn a_truncated_file_a_huge_count_and_trailing_bytes_are_refused() {
        let bytes = one_square();
        for cut in [0, 4, 9, 12, bytes.len() - 1] {
            let error = decode(&bytes[..cut]).err().unwrap_or_default();
            assert!(
                error.contains("ends early") || error.contains("exceeds the file"),
                "cut at {cut}: {error}"
            );
        }
        let mut huge = MAGIC.to_vec();
        varint(u64::MAX, &mut huge);
        let error = decode(&huge).err().unwrap_or_default();
        assert!(error.contains("exceeds the file"), "{error}");
        let mut longer = bytes.clone();
        longer.push(0);
        let error = decode(&longer).err().unwrap_or_default();
        assert!(error.contains("left over"), "{error}");
        let mut lower = bytes;
        lower[9] = b'a';
        let error = decode(&lower).err().unwrap_or_default();
        assert!(error.contains("three capital letters"), "{error}");
    }
}
