package dynvm.ir;

/** Value types of the IR. BOOL values are 0/1; F32/F64 are IEEE values; I64 also carries raw FP bits. */
public enum Type { BOOL, I32, I64, F32, F64 }
