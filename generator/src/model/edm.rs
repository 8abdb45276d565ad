//! The Edm primitives, once: the model names them `Edm.String`, `Edm.Int32`…; the reader maps the
//! docs' words to them, the planner maps them to Rust, `check` holds example values against them.

/// An Edm primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edm {
    /// `Edm.String`.
    String,
    /// `Edm.Boolean`.
    Boolean,
    /// `Edm.Int16`.
    Int16,
    /// `Edm.Int32`.
    Int32,
    /// `Edm.Int64`.
    Int64,
    /// `Edm.Single`.
    Single,
    /// `Edm.Double`.
    Double,
    /// `Edm.Decimal`.
    Decimal,
    /// `Edm.Byte`.
    Byte,
    /// `Edm.SByte`.
    SByte,
    /// `Edm.Guid`.
    Guid,
    /// `Edm.DateTimeOffset`.
    DateTimeOffset,
    /// `Edm.Date`.
    Date,
    /// `Edm.TimeOfDay`.
    TimeOfDay,
    /// `Edm.Duration`.
    Duration,
    /// `Edm.Binary`.
    Binary,
    /// `Edm.Stream`.
    Stream,
    /// `Edm.Untyped`: any JSON value.
    Untyped,
}

impl Edm {
    /// Every primitive.
    pub const ALL: [Edm; 18] = [
        Edm::String,
        Edm::Boolean,
        Edm::Int16,
        Edm::Int32,
        Edm::Int64,
        Edm::Single,
        Edm::Double,
        Edm::Decimal,
        Edm::Byte,
        Edm::SByte,
        Edm::Guid,
        Edm::DateTimeOffset,
        Edm::Date,
        Edm::TimeOfDay,
        Edm::Duration,
        Edm::Binary,
        Edm::Stream,
        Edm::Untyped,
    ];

    /// The model's name: `Edm.String`.
    pub fn name(self) -> &'static str {
        match self {
            Edm::String => "Edm.String",
            Edm::Boolean => "Edm.Boolean",
            Edm::Int16 => "Edm.Int16",
            Edm::Int32 => "Edm.Int32",
            Edm::Int64 => "Edm.Int64",
            Edm::Single => "Edm.Single",
            Edm::Double => "Edm.Double",
            Edm::Decimal => "Edm.Decimal",
            Edm::Byte => "Edm.Byte",
            Edm::SByte => "Edm.SByte",
            Edm::Guid => "Edm.Guid",
            Edm::DateTimeOffset => "Edm.DateTimeOffset",
            Edm::Date => "Edm.Date",
            Edm::TimeOfDay => "Edm.TimeOfDay",
            Edm::Duration => "Edm.Duration",
            Edm::Binary => "Edm.Binary",
            Edm::Stream => "Edm.Stream",
            Edm::Untyped => "Edm.Untyped",
        }
    }

    /// The primitive a model type name (`Edm.Int32`, exactly) stands for.
    pub fn parse(name: &str) -> Option<Edm> {
        Edm::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The primitive a docs' type word means, in any case, with or without `Edm.`, and the
    /// aliases the pages use (`int`, `long`, `datetime`, `timespan`, `base64`, `object`…).
    pub fn from_word(word: &str) -> Option<Edm> {
        let w = word.trim_start_matches("Edm.").trim_start_matches("edm.");
        // No primitive word is longer than 16 bytes; lowercase on the stack, not the heap.
        let mut buf = [0u8; 16];
        let lower = buf.get_mut(..w.len()).map(|b| {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            &*b
        })?;
        Some(match std::str::from_utf8(lower).ok()? {
            "string" | "str" | "url" | "uri" => Edm::String,
            "boolean" | "bool" => Edm::Boolean,
            "int16" | "short" => Edm::Int16,
            "int32" | "int" | "integer" | "number" | "numeric" => Edm::Int32,
            "int64" | "long" | "bigint" => Edm::Int64,
            "single" | "float" => Edm::Single,
            "double" => Edm::Double,
            "decimal" => Edm::Decimal,
            "byte" => Edm::Byte,
            "sbyte" => Edm::SByte,
            "guid" | "uuid" => Edm::Guid,
            "datetimeoffset" | "datetime" | "timestamp" => Edm::DateTimeOffset,
            "date" => Edm::Date,
            "timeofday" | "time" => Edm::TimeOfDay,
            "duration" | "timespan" => Edm::Duration,
            "binary" | "base64" | "byte[]" => Edm::Binary,
            "stream" => Edm::Stream,
            "untyped" | "object" | "json" => Edm::Untyped,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_words_map_to_primitives() {
        for e in Edm::ALL {
            assert_eq!(Edm::parse(e.name()), Some(e));
            assert_eq!(Edm::from_word(e.name()), Some(e));
        }
        assert_eq!(Edm::parse("edm.string"), None);
        assert_eq!(Edm::from_word("DateTime"), Some(Edm::DateTimeOffset));
        assert_eq!(Edm::from_word("byte[]"), Some(Edm::Binary));
        assert_eq!(Edm::from_word("vppToken"), None);
        assert_eq!(Edm::from_word("a-very-long-word-indeed"), None);
    }
}
