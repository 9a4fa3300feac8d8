package spd.compiler.ast;

import spd.compiler.source.Span;

/** A statement directly inside an experiment. */
public sealed interface Statement
        permits DataBlock,
                NetworkBlock,
                LetDecl,
                FunctionDef,
                RuleBinding,
                MaskBlock,
                PenaltyDecl,
                TrainBlock,
                PruneDecl {
    Span span();
}
