"""What a bass salience network returns beyond its saliences: pitch, voicing, probabilities.

One implementation for the trainable :class:`BassSalienceMLP` (Keras) and the
inference-only :class:`FrozenSalienceMLP` (NumPy): both provide ``salience``,
``classes_``, ``pitches_`` and ``voicing_threshold``; this mixin decodes through the
package's one salience decoder, :func:`skbass.utils.decode_salience`. It imports no Keras.
"""

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ..utils._salience import decode_salience
from ..utils._samples import pool


def _is_zero_label(classes):
    return classes.dtype.kind in "iuf" and np.any(classes == 0)


class SalienceOutputsMixin:
    """``decode``, ``predict`` and ``predict_proba`` from a network's ``salience``."""

    def decode(self, X):
        """Pitch, peak salience and voicing per frame (the package's one salience decoder).

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Spectral frames, or one frame matrix per recording.

        Returns
        -------
        decoded : DecodedSalience or list of DecodedSalience
            See :func:`skbass.utils.decode_salience`; one per recording at recording level.
        """
        check_is_fitted(self)
        threshold = self.voicing_threshold if _is_zero_label(self.classes_) else None
        pooled = pool(self.salience(X))
        return pooled.map(lambda s: decode_salience(s, self.pitches_, voicing_threshold=threshold))

    def predict_proba(self, X):
        """A probability distribution over ``classes_`` per frame.

        The salience vector is normalised to sum to one over the pitches; when
        ``0`` (no bass) is a class, its score is ``voicing_threshold`` (0 when None)
        before normalising, so that the arg-max is 0 exactly when no pitch's
        salience exceeds the threshold, as in :meth:`predict`.

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Spectral frames, or one frame matrix per recording.

        Returns
        -------
        proba : np.ndarray [shape=(n_frames, n_classes)] or list of such arrays
            Rows sum to one; columns follow ``classes_``.
        """
        return pool(self.salience(X)).map(self._proba)

    def _proba(self, salience):
        scores = np.zeros((len(salience), len(self.classes_)), dtype=np.float64)
        scores[:, np.isin(self.classes_, self.pitches_)] = salience
        if _is_zero_label(self.classes_) and self.voicing_threshold is not None:
            scores[:, np.flatnonzero(self.classes_ == 0)[0]] = self.voicing_threshold
        empty = scores.sum(axis=1) == 0
        scores[np.ix_(empty, np.isin(self.classes_, self.pitches_))] = 1.0
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, X):
        """MIDI pitch per frame (0 where the voicing threshold says no bass).

        Parameters
        ----------
        X : np.ndarray [shape=(n_frames, n_features)] or list of such arrays
            Spectral frames, or one frame matrix per recording.

        Returns
        -------
        pitch : np.ndarray [shape=(n_frames,)] or list of such arrays
            A label from ``classes_`` per frame.
        """
        decoded = self.decode(X)
        if isinstance(decoded, list):
            return [d.estimate for d in decoded]
        return decoded.estimate
