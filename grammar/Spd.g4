// The spd language: experiments that sparsify networks by adaptive dropout.
//
// One file holds imports, named rules (the standard library is written in this language) and
// experiments. Block settings are generic (`key value`), and the checker gives them meaning, so
// that a misspelt setting gets a "did you mean" rather than a syntax error. Labelled alternatives
// and named children only: no actions, no semantic predicates.
grammar Spd;

file
    : imports+=importDecl* declarations+=declaration* EOF
    ;

// One expression on its own (`|w| * (|w| + eps)`), for tools and tests that read a single formula.
standaloneExpr
    : value=expr EOF
    ;

importDecl
    : IMPORT (module=ID | path=STRING)
    ;

declaration
    : ruleDecl                                                   # ruleDeclaration
    | experiment                                                 # experimentDeclaration
    ;

// ---------------------------------------------------------------- named rules (standard library)

ruleDecl
    : RULE name=ID '(' (params+=ID (',' params+=ID)*)? ')' '{' members+=ruleMember* '}'
    ;

ruleMember
    : letDecl                                                    # ruleLet
    | functionDef                                                # ruleFunction
    ;

// ---------------------------------------------------------------- experiments

experiment
    : EXPERIMENT name=ID '{' statements+=statement* '}'
    ;

statement
    : dataBlock                                                  # dataStatement
    | networkBlock                                               # networkStatement
    | letDecl                                                    # letStatement
    | functionDef                                                # functionStatement
    | ruleBinding                                                # ruleBindingStatement
    | maskBlock                                                  # maskStatement
    | penaltyDecl                                                # penaltyStatement
    | trainBlock                                                 # trainStatement
    | pruneDecl                                                  # pruneStatement
    ;

// `data mnist { validation 0.2 }`, `data csv "wine.csv" { label "quality", classes 3 }`
dataBlock
    : DATA kind=dataKind source=STRING? settingsBlock?
    ;

dataKind
    : ID
    | LINEAR
    ;

networkBlock
    : NETWORK '{' layers+=layerDecl* '}'
    ;

layerDecl
    : INPUT (size=NUMBER | shape=SHAPE)                          # inputLayer
    | DENSE name=ID? size=NUMBER activation=ID?                  # denseLayer
    | LINEAR name=ID? size=NUMBER                                # linearLayer
    | CONV name=ID? size=NUMBER words+=layerWord*                # convLayer
    | MAXPOOL size=NUMBER words+=layerWord*                      # poolLayer
    | FLATTEN                                                    # flattenLayer
    | LOSS kind=ID                                               # lossDecl
    ;

// The options after a conv or pooling size, e.g. `kernel 5 stride 2 padding same relu`: plain words and
// numbers, which the checker reads (so that a misspelt option gets a "did you mean").
layerWord
    : ID
    | NUMBER
    | SHAPE
    ;

letDecl
    : LET name=ID '=' value=expr
    ;

// `eta(w) = |w| * (|w| + eps)`, `omega(w) = ...`, `f(eta) = ...`, `f'(eta) = ...`, `dual f(eta) = ...`
functionDef
    : label=ID? name=ID prime=PRIME? '(' param=ID ')' '=' body=expr
    ;

// `eta = logsum(eps: 2)`: the eta rule (or another function) taken from a named rule.
ruleBinding
    : name=ID '=' named=call
    ;

maskBlock
    : MASK kind=ID ('{' items+=maskItem (','? items+=maskItem)* ','? '}')? targets?
    ;

maskItem
    : functionDef                                                # maskFunction
    | name=ID '=' value=expr                                     # maskBinding
    | setting                                                    # maskSetting
    ;

penaltyDecl
    : PENALTY (definition=functionDef | named=call) (WEIGHT weight=expr)? targets?
    ;

trainBlock
    : TRAIN optimizer=call? settingsBlock?
    ;

pruneDecl
    : PRUNE condition targets?
    ;

// `on fc1, fc2(lambda = 1e-4)`: the layers a mask or penalty applies to, with per-layer constants.
targets
    : ON layers+=layerTarget (',' layers+=layerTarget)*
    ;

layerTarget
    : layer=ID ('(' overrides+=argument (',' overrides+=argument)* ')')?
    ;

settingsBlock
    : '{' (settings+=setting (','? settings+=setting)* ','?)? '}'
    ;

setting
    : key=ID value=settingValue?
    ;

settingValue
    : from=expr RANGE to=expr                                    # rangeValue
    | expr                                                       # exprValue
    | STRING                                                     # stringValue
    | LINEAR                                                     # linearValue   // `schedule linear`
    ;

// ---------------------------------------------------------------- expressions

expr
    : <assoc=right> base=expr '^' exponent=expr                  # power
    | '-' operand=expr                                           # negate
    | '+' operand=expr                                           # unaryPlus
    | left=expr op=('*' | '/') right=expr                        # multiplicative
    | left=expr op=('+' | '-') right=expr                        # additive
    | NUMBER                                                     # number
    | INF                                                        # infinity
    | call                                                       # callExpr
    | name=ID                                                    # name
    | '|' operand=expr '|'                                       # absolute
    | '(' inner=expr ')'                                         # parenthesized
    | PIECEWISE '{' cases+=pieceCase (',' cases+=pieceCase)* ','? '}'   # piecewise
    ;

call
    : function=ID '(' (arguments+=argument (',' arguments+=argument)*)? ')'
    ;

argument
    : (name=ID (':' | '='))? value=expr
    ;

pieceCase
    : value=expr IF when=condition                               # conditionalCase
    | value=expr OTHERWISE                                       # otherwiseCase
    ;

condition
    : left=expr op=('<' | '<=' | '>' | '>=') right=expr
    ;

// ---------------------------------------------------------------- lexer

IMPORT     : 'import' ;
RULE       : 'rule' ;
EXPERIMENT : 'experiment' ;
DATA       : 'data' ;
NETWORK    : 'network' ;
INPUT      : 'input' ;
DENSE      : 'dense' ;
LINEAR     : 'linear' ;
CONV       : 'conv' ;
MAXPOOL    : 'maxpool' ;
FLATTEN    : 'flatten' ;
LOSS       : 'loss' ;
LET        : 'let' ;
MASK       : 'mask' ;
PENALTY    : 'penalty' ;
WEIGHT     : 'weight' ;
TRAIN      : 'train' ;
PRUNE      : 'prune' ;
ON         : 'on' ;
PIECEWISE  : 'piecewise' ;
IF         : 'if' ;
OTHERWISE  : 'otherwise' ;
INF        : 'inf' ;

RANGE      : '..' ;
PRIME      : '\'' ;

// No trailing '.' in a number, so that `10..100` is a range.
NUMBER     : DIGITS ('.' DIGITS)? EXPONENT?
           | '.' DIGITS EXPONENT?
           ;
// An image shape, channels x height x width: `1x28x28` (longer than the NUMBER `1`, so it wins).
SHAPE      : DIGITS ('x' DIGITS)+ ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

ID         : [a-zA-Z_] [a-zA-Z_0-9]* ;
STRING     : '"' (~["\\\r\n] | '\\' .)* '"' ;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS            : [ \t\r\n\f]+ -> skip ;

// Anything else becomes a token, so that the parser (not the lexer) reports it with a clear message.
UNTERMINATED_STRING  : '"' (~["\\\r\n] | '\\' .)* ;
// A comment that reaches the end of the file without '*/' (its body never contains '*/', so that a closed comment
// followed by more text is never read as this longer token).
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
UNEXPECTED : . ;

