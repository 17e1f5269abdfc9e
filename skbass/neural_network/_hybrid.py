"""The instrument paper's convnets: 2-d, 1-d and pitch-spiral branches and their hybrids.

Paper: "Deep convolutional networks on the pitch spiral for musical instrument
recognition", sections 4 to 6 and Table 2.
"""

from numbers import Integral, Real

import keras
import numpy as np
from scikeras.utils.transformers import ClassifierLabelEncoder
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import (
    _check_sample_weight,
    column_or_1d,
)

from ..features._spiral import check_bands
from ..utils._constants import BRANCHES, HIGH_BAND, INSTRUMENT_N_BINS, PATCH_FRAMES, SPIRAL_BANDS
from ..utils._samples import to_patches
from ._excerpts import ExcerptOutputsMixin
from ._keras_base import KerasClassifierBase, seeded, validation_split

#: Excerpts per forward pass at inference (the last batch is padded to it).
_PREDICT_EXCERPTS = 64
#: An excerpt of a recording counts as silent when fewer than half of its frames are
#: active, a frame being active when its mean over bins rises above this share of the
#: recording's range of frame means (from its quietest to its loudest frame).
_ACTIVE_SHARE = 0.1


def _pooled(size, kernel, pool):
    """Length after a 'valid' convolution then a floor max-pooling."""
    return (size - kernel + 1) // pool


def branch_shapes(
    branches,
    *,
    n_frames,
    n_bins,
    kernel_size=(5, 5),
    pool_size=(5, 3),
    spiral_kernel_size=(5, 3),
    temporal_pool_size=5,
    spiral_bands=SPIRAL_BANDS,
    high_band=HIGH_BAND,
):
    """Shape of each branch's output before flattening (its ``x3``), without Keras.

    The 2-d and spiral branches use 'valid' convolutions and floor pooling; the 1-d
    branch 'same' convolutions and ceiling pooling: the padding that reproduces the
    paper's parameter counts (Table 2).

    Parameters
    ----------
    branches : sequence of {"2d", "1d", "spiral"}
        The branches.
    n_frames : int
        Frames per excerpt ``T``.
    n_bins : int
        Bins per frame ``K1``.
    kernel_size, pool_size, spiral_kernel_size : tuple of int
        (time, frequency) sizes, as in :class:`HybridConvNetClassifier`.
    temporal_pool_size : int
        Pooling width of the 1-d branch.
    spiral_bands : tuple of (int, int)
        Spiral bands' bin ranges.
    high_band : (int, int)
        The high band's bin range.

    Returns
    -------
    shapes : dict
        Branch name -> ``(time, frequency)`` of the 2-d and spiral branches, ``(time,)``
        of the 1-d branch, before the channel axis of ``n_kernels``.

    Raises
    ------
    ValueError
        If an excerpt is too small for a branch's kernels and pooling.

    Examples
    --------
    >>> branch_shapes(["2d", "1d", "spiral"], n_frames=128, n_bins=96)
    {'2d': (4, 8), '1d': (6,), 'spiral': (4, 1)}
    """
    shapes = {}
    for branch in branches:
        if branch == "1d":
            time = n_frames
            for _ in range(2):
                time = -(-time // temporal_pool_size)
            shapes[branch] = (time,)
            continue
        height = n_bins if branch == "2d" else spiral_bands[0][1] - spiral_bands[0][0]
        first = kernel_size if branch == "2d" else spiral_kernel_size
        time, freq = n_frames, height
        for kernel in (first, kernel_size):
            time = _pooled(time, kernel[0], pool_size[0])
            freq = _pooled(freq, kernel[1], pool_size[1])
        if time < 1 or freq < 1:
            raise ValueError(
                f"the {branch} branch's two convolutions (kernels {first} then {kernel_size}) "
                f"and poolings {pool_size} leave nothing of an input of {n_frames} frames x "
                f"{height} bins; use longer excerpts or smaller kernels and pooling"
            )
        shapes[branch] = (time, freq)
    return shapes


def build_hybrid_convnet(
    *,
    n_frames,
    n_bins,
    n_classes,
    branches=BRANCHES,
    n_kernels=32,
    kernel_size=(5, 5),
    pool_size=(5, 3),
    spiral_kernel_size=(5, 3),
    temporal_kernel_size=3,
    temporal_pool_size=5,
    dense_units=64,
    dropout=0.5,
    negative_slope=0.3,
    spiral_bands=SPIRAL_BANDS,
    high_band=HIGH_BAND,
    normalization="global",
    mean=0.0,
    std=1.0,
):
    """The hybrid convnet as an uncompiled Keras model, from standard Keras layers only.

    Input ``(n_frames, n_bins)`` excerpts; output ``n_classes`` softmax probabilities.
    Layers are named by branch (``spiral_conv1``, ``2d_pool2``, ``1d_conv1``, ...), so a
    forward pass outside Keras can read them by name.

    Parameters
    ----------
    n_frames, n_bins : int
        Excerpt size ``T x K1``.
    n_classes : int
        Output units.
    branches, n_kernels, kernel_size, pool_size, spiral_kernel_size : see HybridConvNetClassifier
        Architecture.
    temporal_kernel_size, temporal_pool_size, dense_units, dropout : see HybridConvNetClassifier
        Architecture.
    negative_slope : float
        Slope of the leaky ReLU for negative inputs.
    spiral_bands, high_band : see HybridConvNetClassifier
        Bin ranges of the spiral and 1-d branches.
    normalization : {"global", "excerpt"}
        Input standardisation (see :class:`HybridConvNetClassifier`).
    mean, std : float
        The training data's statistics for ``normalization="global"``.

    Returns
    -------
    model : keras.Model

    Examples
    --------
    >>> build_hybrid_convnet(n_frames=128, n_bins=96, n_classes=8).count_params()
    146760
    """
    layers = keras.layers
    inputs = keras.Input(shape=(n_frames, n_bins), name="spectrogram")
    if normalization == "global":
        x = layers.Normalization(axis=None, mean=mean, variance=std**2, name="normalize")(inputs)
    else:
        x = layers.LayerNormalization(
            axis=(1, 2), center=False, scale=False, epsilon=1e-6, name="normalize"
        )(inputs)
    image = layers.Reshape((n_frames, n_bins, 1), name="image")(x)

    def crop(band, name):
        return layers.Cropping2D(((0, 0), (band[0], n_bins - band[1])), name=name)(image)

    def leaky(t, name):
        return layers.LeakyReLU(negative_slope=negative_slope, name=name)(t)

    def two_layers(t, prefix, first_kernel):
        for i, kernel in enumerate((first_kernel, kernel_size), start=1):
            t = layers.Conv2D(n_kernels, kernel, name=f"{prefix}_conv{i}")(t)
            t = leaky(t, f"{prefix}_relu{i}")
            t = layers.MaxPooling2D(pool_size, name=f"{prefix}_pool{i}")(t)
        return layers.Flatten(name=f"{prefix}_flatten")(t)

    outputs = []
    for branch in branches:
        if branch == "2d":
            outputs.append(two_layers(image, "2d", kernel_size))
        elif branch == "spiral":
            bands = [crop(band, f"spiral_band{j}") for j, band in enumerate(spiral_bands)]
            t = bands[0] if len(bands) == 1 else layers.Concatenate(name="spiral")(bands)
            outputs.append(two_layers(t, "spiral", spiral_kernel_size))
        else:
            height = high_band[1] - high_band[0]
            t = layers.Reshape((n_frames, height), name="1d_high")(crop(high_band, "1d_band"))
            for i in (1, 2):
                t = layers.Conv1D(
                    n_kernels, temporal_kernel_size, padding="same", name=f"1d_conv{i}"
                )(t)
                t = leaky(t, f"1d_relu{i}")
                t = layers.MaxPooling1D(temporal_pool_size, padding="same", name=f"1d_pool{i}")(t)
            outputs.append(layers.Flatten(name="1d_flatten")(t))
    x = outputs[0] if len(outputs) == 1 else layers.Concatenate(name="branches")(outputs)
    x = layers.Dropout(dropout, name="dropout3")(x)
    x = leaky(layers.Dense(dense_units, name="dense")(x), "dense_relu")
    x = layers.Dropout(dropout, name="dropout4")(x)
    probabilities = layers.Dense(n_classes, activation="softmax", name="instrument")(x)
    return keras.Model(inputs, probabilities, name="hybrid_convnet")


class _Draws(keras.utils.PyDataset):
    """Batches of excerpts drawn at random, with a uniform class distribution.

    Each excerpt's class is drawn uniformly among the classes present, then one of that
    class's candidate excerpts with probability proportional to its weight. Batch ``i``
    of epoch ``e`` comes from its own generator seeded by ``(seed, e, i)``, so a seeded
    fit repeats exactly whatever order Keras asks for batches in.
    """

    def __init__(
        self, items, candidates, targets, probability, *, length, batch_size, n_batches, seed
    ):
        super().__init__()
        self.items = items
        self.candidates = candidates
        self.targets = targets
        self.probability = probability
        self.length = length
        self.batch_size = batch_size
        self.n_batches = n_batches
        self.seed = seed
        self.epoch = 0

    def __len__(self):
        return self.n_batches

    def __getitem__(self, index):
        rng = np.random.default_rng([self.seed, self.epoch, index])
        drawn = rng.choice(len(self.candidates), size=self.batch_size, p=self.probability)
        return _excerpts(self.items, self.candidates[drawn], self.length), self.targets[drawn]

    def on_epoch_end(self):
        self.epoch += 1


def _excerpts(items, candidates, length):
    """The excerpts ``items[i][start : start + length]`` of ``(i, start)`` candidates."""
    return np.stack([items[i][start : start + length] for i, start in candidates])


def _active_starts(frames, length):
    """Starts of the non-silent excerpts of one recording (all starts if none is)."""
    loudness = frames.mean(axis=1)
    low, high = loudness.min(), loudness.max()
    active = (loudness > low + _ACTIVE_SHARE * (high - low)).astype(float)
    n_active = np.convolve(active, np.ones(length), mode="valid")
    starts = np.flatnonzero(n_active >= length / 2)
    return starts if len(starts) else np.arange(len(frames) - length + 1)


class HybridConvNetClassifier(ExcerptOutputsMixin, KerasClassifierBase):
    """Instrument recognition with the paper's convnets on constant-Q excerpts.

    The networks of the instrument paper (sections 4 to 6, Table 2): any non-empty
    subset of three weight-sharing strategies, each two convolutional layers of
    ``n_kernels`` kernels with leaky ReLU (slope 0.3) and max-pooling, concatenated into a
    dense layer of 64 units and a softmax over the classes, with 50 % dropout on the
    flattened convolutional output and on the dense layer; Adam, batches of 32:

    - ``"2d"``: 5x5 kernels over (time, frequency) of the whole spectrum, pooling 5 (time)
      x 3 (frequency);
    - ``"1d"``: kernels of width 3 over time with the 36 bins of the high band (A6 to A9)
      as their channels, pooling 5;
    - ``"spiral"``: the pitch spiral (Eq. 8): three half-overlapping two-octave bands,
      A2 to A6, stacked as channels (see :class:`~skbass.features.SpiralBands`), a first
      layer of kernels 5 frames x 3 semitones x 3 octaves, then pooling and a second
      layer as in the 2-d branch.

    The 2-d and spiral convolutions are 'valid' with floor pooling; the 1-d convolutions
    and pooling are 'same', the padding that reproduces the paper's parameter counts: for
    128 x 96 excerpts and 8 classes, 19,464 (1-d), 35,880 (spiral), 92,584 (2-d), 54,760
    (spiral & 1-d), 111,464 (2-d & 1-d), 127,880 (2-d & spiral), 146,760 (all three) and
    157,784 (2-d with 48 kernels), against the paper's 20k, 36k, 93k, 55k, 111k, 128k, 147k
    and 158k.

    **Input.** The classifier reads excerpts of ``patch_frames`` frames (128, about 3 s)
    of ``n_bins`` log-compressed constant-Q bins (96, from 55 Hz; see
    :func:`skbass.recognition.instrument_pipeline`). It takes three forms of ``X``, with
    labels to match:

    - recordings: a list of frame matrices ``(n_frames_i, n_bins)`` with one label per
      recording. ``fit`` draws excerpts at random, as the paper does: each epoch is
      ``excerpts_per_epoch`` excerpts (8192) in batches whose classes are drawn uniformly,
      each excerpt a random non-silent region of a recording of its class (recordings
      weighted by their length). ``predict_proba`` gives one row per recording: the mean
      of the class probabilities of its half-overlapping excerpts (``patch_frames // 2``
      apart; a recording shorter than one excerpt is zero-padded at its end, which is
      silence after :class:`~skbass.features.LogScaler`'s ``log1p`` compression);
    - excerpts: a 3-D array ``(n_excerpts, patch_frames, n_bins)`` with one label each;
      ``fit`` draws from them with a uniform class distribution;
    - flattened excerpts: a 2-D array ``(n_excerpts, patch_frames * n_bins)``, each row an
      excerpt in time-major order, which is what scikit-learn's generic tools pass.

    **Normalisation.** The paper normalises each training batch to zero mean and unit
    variance, which at inference would make one excerpt's output depend on its
    batch-mates. ``normalization="global"`` (default) standardises every input with the
    mean and standard deviation of the training data, fixed at ``fit``: the limit the
    paper's batch statistics estimate, and deterministic at inference.
    ``normalization="excerpt"`` standardises each excerpt by its own statistics, which
    removes the recording level (an additive constant after log compression).

    **Stopping.** ``early_stopping="training_loss"`` (default) is the paper's rule:
    training stops once the average training loss over an epoch of ``excerpts_per_epoch``
    excerpts has not decreased for ``patience`` epochs (1: the first epoch that does not
    improve). ``"validation"`` holds out ``validation_fraction`` of the recordings (of the
    excerpts, for array input; nothing with fewer than 5) and stops on the accuracy over
    their half-overlapping excerpts, keeping the best epoch's weights. None trains for
    ``epochs`` epochs.

    Parameters
    ----------
    branches : tuple of {"2d", "1d", "spiral"}, default=("2d", "1d", "spiral")
        Weight-sharing strategies, any non-empty subset.
    n_kernels : int, default=32
        Kernels per convolutional layer (Table 2 also has 48 for the 2-d network).
    kernel_size : (int, int), default=(5, 5)
        (time, frequency) kernel of the 2-d branch and of the spiral's second layer.
    pool_size : (int, int), default=(5, 3)
        (time, frequency) max-pooling of the 2-d and spiral branches.
    spiral_kernel_size : (int, int), default=(5, 3)
        (time, semitones) kernel of the spiral's first layer; it spans all the bands.
    temporal_kernel_size : int, default=3
        Kernel width of the 1-d branch.
    temporal_pool_size : int, default=5
        Max-pooling width of the 1-d branch.
    dense_units : int, default=64
        Units of the dense layer ``K4``.
    dropout : float, default=0.5
        Dropout ratio on the flattened convolutional output and on the dense layer.
    negative_slope : float, default=0.3
        Leaky ReLU slope for negative inputs.
    spiral_bands : tuple of (int, int), default=((12, 36), (24, 48), (36, 60))
        ``[start, stop)`` bin ranges of the spiral bands, all of one height.
    high_band : (int, int), default=(60, 96)
        ``[start, stop)`` bin range of the 1-d branch.
    n_bins : int or None, default=96
        Bins per frame; other inputs are refused. None takes them from the training data.
    patch_frames : int, default=128
        Frames per excerpt ``T``.
    normalization : {"global", "excerpt"}, default="global"
        Input standardisation (see above).
    learning_rate : float, default=0.001
        Adam's learning rate (Keras's default; the paper does not give one).
    batch_size : int, default=32
        Excerpts per gradient step.
    excerpts_per_epoch : int, default=8192
        Excerpts drawn per epoch.
    epochs : int, default=100
        Most epochs.
    early_stopping : {"training_loss", "validation"} or None, default="training_loss"
        Stopping rule (see above).
    patience : int, default=1
        Epochs without improvement before training stops.
    validation_fraction : float, default=0.2
        Share held out with ``early_stopping="validation"``.
    callbacks : list of keras.callbacks.Callback or None, default=None
        Extra Keras callbacks for training.
    warm_start : bool, default=False
        Continue from the fitted network's weights (and input statistics) in ``fit``.
    random_state : int or None, default=None
        Seed of the initialisation, the draws, dropout and the validation split; seeded
        runs on CPU repeat exactly.
    verbose : int, default=0
        Keras verbosity.

    Attributes
    ----------
    classes_ : np.ndarray [shape=(n_classes,)]
        Class labels.
    n_bins_ : int
        Bins per frame.
    n_features_in_ : int
        Features of one flattened excerpt, ``patch_frames * n_bins_``.
    input_mean_, input_std_ : float
        Statistics of the training input (``normalization="global"``).
    model_ : keras.Model
        The trained network.
    history_ : dict
        Per-epoch training history (``loss``, ``accuracy``, and ``val_`` ones with a
        validation part).

    See Also
    --------
    skbass.recognition.instrument_pipeline : The pipeline from audio to label.
    skbass.features.SpiralBands : The spiral and high-band inputs as arrays.

    Examples
    --------
    >>> import numpy as np
    >>> from skbass.neural_network import HybridConvNetClassifier
    >>> rng = np.random.default_rng(0)
    >>> y = np.repeat(["flute", "piano"], 20)
    >>> X = rng.random((40, 16, 12)).astype("float32")
    >>> X[y == "piano", :, :6] += 1.0                  # piano: energy in the low bins
    >>> net = HybridConvNetClassifier(
    ...     branches=("2d",), kernel_size=(3, 3), pool_size=(2, 2), n_bins=12, patch_frames=16,
    ...     excerpts_per_epoch=256, epochs=3, early_stopping=None, random_state=0,
    ... ).fit(X, y)
    >>> net.predict_proba(X).shape
    (40, 2)
    >>> float((net.predict(X) == y).mean()) > 0.9
    True
    """

    _parameter_constraints = {
        "branches": [tuple, list],
        "n_kernels": [Interval(Integral, 1, None, closed="left")],
        "kernel_size": [tuple, list],
        "pool_size": [tuple, list],
        "spiral_kernel_size": [tuple, list],
        "temporal_kernel_size": [Interval(Integral, 1, None, closed="left")],
        "temporal_pool_size": [Interval(Integral, 1, None, closed="left")],
        "dense_units": [Interval(Integral, 1, None, closed="left")],
        "dropout": [Interval(Real, 0, 1, closed="left")],
        "negative_slope": [Interval(Real, 0, None, closed="left")],
        "spiral_bands": [tuple, list],
        "high_band": [tuple, list],
        "n_bins": [Interval(Integral, 1, None, closed="left"), None],
        "patch_frames": [Interval(Integral, 1, None, closed="left")],
        "normalization": [StrOptions({"global", "excerpt"})],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "excerpts_per_epoch": [Interval(Integral, 1, None, closed="left")],
        "epochs": [Interval(Integral, 1, None, closed="left")],
        "early_stopping": [StrOptions({"training_loss", "validation"}), None],
        "patience": [Interval(Integral, 1, None, closed="left")],
        "validation_fraction": [Interval(Real, 0, 1, closed="neither")],
        "callbacks": [list, None],
        "warm_start": ["boolean"],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
    }

    _early_stopping_metric = "accuracy"
    #: Fitted attributes a model file leaves out: ``fit`` rebuilds the label encoder, and
    #: prediction reads ``classes_``.
    _unsaved_attributes = ("target_encoder_",)

    def __init__(
        self,
        *,
        branches=BRANCHES,
        n_kernels=32,
        kernel_size=(5, 5),
        pool_size=(5, 3),
        spiral_kernel_size=(5, 3),
        temporal_kernel_size=3,
        temporal_pool_size=5,
        dense_units=64,
        dropout=0.5,
        negative_slope=0.3,
        spiral_bands=SPIRAL_BANDS,
        high_band=HIGH_BAND,
        n_bins=INSTRUMENT_N_BINS,
        patch_frames=PATCH_FRAMES,
        normalization="global",
        learning_rate=1e-3,
        batch_size=32,
        excerpts_per_epoch=8192,
        epochs=100,
        early_stopping="training_loss",
        patience=1,
        validation_fraction=0.2,
        callbacks=None,
        warm_start=False,
        random_state=None,
        verbose=0,
    ):
        self.branches = branches
        self.n_kernels = n_kernels
        self.kernel_size = kernel_size
        self.pool_size = pool_size
        self.spiral_kernel_size = spiral_kernel_size
        self.temporal_kernel_size = temporal_kernel_size
        self.temporal_pool_size = temporal_pool_size
        self.dense_units = dense_units
        self.dropout = dropout
        self.negative_slope = negative_slope
        self.spiral_bands = spiral_bands
        self.high_band = high_band
        self.n_bins = n_bins
        self.patch_frames = patch_frames
        self.normalization = normalization
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.excerpts_per_epoch = excerpts_per_epoch
        self.epochs = epochs
        self.early_stopping = early_stopping
        self.patience = patience
        self.validation_fraction = validation_fraction
        self.callbacks = callbacks
        self.warm_start = warm_start
        self.random_state = random_state
        self.verbose = verbose

    # -- parameters ------------------------------------------------------------------

    def _check_params(self):
        branches = self.branches
        if (
            len(branches) == 0
            or not all(isinstance(b, str) and b in BRANCHES for b in branches)
            or len(set(branches)) != len(branches)
        ):
            raise ValueError(
                f"branches must be a non-empty subset of {BRANCHES} without repeats, "
                f"got {branches!r}"
            )
        for name in ("kernel_size", "pool_size", "spiral_kernel_size"):
            value = getattr(self, name)
            if not (
                len(value) == 2
                and all(isinstance(v, Integral) and not isinstance(v, bool) for v in value)
                and min(value) >= 1
            ):
                raise ValueError(f"{name} must be two positive integers, got {value!r}")
        check_bands(spiral_bands=self.spiral_bands, high_band=self.high_band)

    def _geometry(self):
        """Keyword arguments of the network's shape shared by the builder and the checks."""
        spiral_bands, high_band = check_bands(
            spiral_bands=self.spiral_bands, high_band=self.high_band
        )
        return dict(
            kernel_size=tuple(self.kernel_size),
            pool_size=tuple(self.pool_size),
            spiral_kernel_size=tuple(self.spiral_kernel_size),
            temporal_pool_size=self.temporal_pool_size,
            spiral_bands=spiral_bands,
            high_band=high_band,
        )

    @property
    def target_encoder(self):
        """The target transformer fitted on ``y``: class labels to class indices.

        Returns
        -------
        encoder : scikeras.utils.transformers.ClassifierLabelEncoder
        """
        return ClassifierLabelEncoder(loss="sparse_categorical_crossentropy")

    def _keras_build_fn(self, meta):
        model = build_hybrid_convnet(
            n_frames=self.patch_frames,
            n_bins=meta["n_bins_"],
            n_classes=meta["n_classes_"],
            branches=tuple(self.branches),
            n_kernels=self.n_kernels,
            temporal_kernel_size=self.temporal_kernel_size,
            dense_units=self.dense_units,
            dropout=self.dropout,
            negative_slope=self.negative_slope,
            normalization=self.normalization,
            mean=meta["input_mean_"],
            std=meta["input_std_"],
            **self._geometry(),
        )
        model.compile(
            optimizer=keras.optimizers.Adam(learning_rate=self.learning_rate),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        return model

    # -- input -----------------------------------------------------------------------

    def _labels(self, y, n_items, recordings):
        if recordings and any(np.ndim(v) > 0 for v in y):
            raise ValueError(
                f"{type(self).__name__} takes one label per recording, not per frame; "
                "got a sequence of label arrays"
            )
        y = column_or_1d(y, warn=True)
        if len(y) != n_items:
            raise ValueError(
                f"y must hold one label per {'recording' if recordings else 'excerpt'}: "
                f"{n_items} in X, {len(y)} in y"
            )
        check_classification_targets(y)
        return y

    # -- training --------------------------------------------------------------------

    def fit(self, X, y, sample_weight=None):
        """Train the network on excerpts drawn from recordings or given as arrays.

        Parameters
        ----------
        X : list of np.ndarray [shape=(n_frames_i, n_bins)] or np.ndarray
            Recordings' frame matrices, excerpts ``[shape=(n, patch_frames, n_bins)]`` or
            flattened excerpts ``[shape=(n, patch_frames * n_bins)]``.
        y : np.ndarray [shape=(n,)]
            One label per recording or excerpt.
        sample_weight : np.ndarray [shape=(n,)] or None
            One weight per recording or excerpt: how often it is drawn relative to the
            others of its class (classes are drawn uniformly).

        Returns
        -------
        self : HybridConvNetClassifier
            The fitted estimator.
        """
        self._start_fit(y)
        previous = self._fitted_state() if self.warm_start else None
        items, recordings = self._items(X, reset=True)
        y = self._labels(y, len(items), recordings)
        T = self.patch_frames
        n_features = T * self.n_bins_
        self.n_features_in_ = n_features
        check_bands(
            spiral_bands=self.spiral_bands if "spiral" in self.branches else None,
            high_band=self.high_band if "1d" in self.branches else None,
            n_bins=self.n_bins_,
        )
        branch_shapes(self.branches, n_frames=T, n_bins=self.n_bins_, **self._geometry())
        if recordings:
            items = [_padded(x, T) for x in items]
        weights = _check_sample_weight(sample_weight, np.empty((len(items), 0)))
        if previous is not None:
            self._check_warm_start(previous, n_features, y)
        with seeded(self._seed()):
            self._random_state = None  # seeded here; scikeras reads it when building
            self.target_encoder_ = self.target_encoder.fit(y)
            vars(self).update(self.target_encoder_.get_metadata())
            targets = self.target_encoder_.transform(y).astype(np.int32).ravel()
            train, val = self._split(items, recordings)
            self._set_statistics(items, train, previous)
            self.model_ = self._build_keras_model()
            if previous is not None:
                self._continue_from(previous)
            draws = self._draws(items, targets, weights, train, recordings)
            validation_data = None
            callbacks = list(self.callbacks or [])
            if len(val):
                val_X, val_y = self._validation(items, targets, val, recordings)
                validation_data = (val_X, val_y)
            if self.early_stopping == "training_loss":
                callbacks.append(
                    keras.callbacks.EarlyStopping(monitor="loss", patience=self.patience)
                )
            elif self.early_stopping == "validation" and len(val):
                callbacks.append(self._validation_stopping())
            history = self.model_.fit(
                draws,
                epochs=self.epochs,
                verbose=self.verbose,
                validation_data=validation_data,
                callbacks=callbacks,
            )
        self.history_ = {key: list(values) for key, values in history.history.items()}
        return self

    def _fitted_state(self):
        return dict(vars(self)) if hasattr(self, "model_") else None

    def _check_warm_start(self, previous, n_features, y):
        vars(self).update({k: previous[k] for k in ("n_features_in_", "classes_")})
        try:
            self._warm_start_state(np.empty((0, n_features)), y)
        finally:
            vars(self).clear()
            vars(self).update(previous)

    def _split(self, items, recordings):
        n = len(items)
        if self.early_stopping != "validation":
            return np.arange(n), np.arange(0)
        groups = np.arange(n) if recordings else None
        return validation_split(n, groups, self.validation_fraction, self.random_state)

    def _set_statistics(self, items, train, previous):
        if previous is not None:
            self.input_mean_, self.input_std_ = previous["input_mean_"], previous["input_std_"]
            return
        count = sum(items[i].size for i in train)
        total = sum(items[i].sum(dtype=np.float64) for i in train)
        mean = total / count
        squares = sum(np.square(items[i] - mean, dtype=np.float64).sum() for i in train)
        self.input_mean_ = float(mean)
        self.input_std_ = float(max(np.sqrt(squares / count), 1e-6))

    def _draws(self, items, targets, weights, train, recordings):
        T = self.patch_frames
        candidates, owners = [], []
        for i in train:
            starts = _active_starts(items[i], T) if recordings else np.zeros(1, dtype=int)
            candidates.append(np.column_stack([np.full(len(starts), i), starts]))
            owners.append(np.full(len(starts), i))
        candidates = np.concatenate(candidates)
        owners = np.concatenate(owners)
        weight = weights[owners].astype(np.float64)
        classes = targets[owners]
        per_class = np.bincount(classes, weights=weight, minlength=self.n_classes_)
        present = per_class > 0
        if not present.any():
            raise ValueError("sample_weight is zero for every training sample; nothing to draw")
        probability = np.where(
            present[classes], weight / np.where(present, per_class, 1.0)[classes], 0.0
        )
        probability /= probability.sum()
        seed = self._seed()
        if seed is None:
            seed = int(np.random.default_rng().integers(2**31 - 1))
        n_batches = max(1, -(-self.excerpts_per_epoch // self.batch_size))
        return _Draws(
            items,
            candidates,
            classes,
            probability,
            length=T,
            batch_size=self.batch_size,
            n_batches=n_batches,
            seed=seed,
        )

    def _validation(self, items, targets, val, recordings):
        T = self.patch_frames
        if not recordings:
            return np.stack([items[i] for i in val]), targets[val]
        patches = to_patches([items[i] for i in val], targets[val], length=T, step=max(1, T // 2))
        return patches.X, patches.y

    # -- inference -------------------------------------------------------------------

    def _excerpt_proba(self, excerpts):
        """Class probabilities of excerpts through the Keras network, in fixed-size batches."""
        outputs = []
        for i in range(0, len(excerpts), _PREDICT_EXCERPTS):
            chunk = excerpts[i : i + _PREDICT_EXCERPTS]
            # one batch shape for every call: a new shape would retrace the compiled function
            padded = np.zeros((_PREDICT_EXCERPTS, *chunk.shape[1:]), dtype=chunk.dtype)
            padded[: len(chunk)] = chunk
            outputs.append(np.asarray(self.model_.predict_on_batch(padded))[: len(chunk)])
        return np.concatenate(outputs) if outputs else np.zeros((0, len(self.classes_)))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        return tags


def _padded(frames, length):
    """A recording zero-padded at its end to at least ``length`` frames."""
    if len(frames) >= length:
        return frames
    pad = np.zeros((length - len(frames), frames.shape[1]), dtype=frames.dtype)
    return np.concatenate([frames, pad])
