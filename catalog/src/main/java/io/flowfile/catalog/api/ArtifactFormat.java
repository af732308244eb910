package io.flowfile.catalog.api;

/** How an artifact is serialised: DataFrames as Parquet, scikit-learn/NumPy/... with joblib, the rest with cloudpickle. */
public enum ArtifactFormat {
    PARQUET, JOBLIB, CLOUDPICKLE
}
