"""The one source of skbass's constants: the paper's feature grid, the bass range and settings.

Paper: "Bass saliency estimation in jazz ensemble recordings with label propagation
and transfer learning" (sections 3.3, 4.1, 4.2 and Table 2).
"""

import numpy as np

#: Sample rate of the paper's features in Hz (section 4.1).
SR = 22050
#: Hop between frame centres in samples (46.4 ms at 22,050 Hz).
HOP_LENGTH = 1024
#: MIDI pitch of the lowest constant-Q bin (D flat 1, 34.65 Hz).
CQT_MIN_MIDI = 25
#: Centre frequency of the lowest constant-Q bin in Hz (``librosa.midi_to_hz(25)``, 34.65 Hz).
CQT_FMIN = 440.0 * 2.0 ** ((CQT_MIN_MIDI - 69) / 12)
#: Number of constant-Q bins (MIDI 25..91).
CQT_N_BINS = 67
#: Constant-Q bins per octave.
CQT_BINS_PER_OCTAVE = 12

#: Lowest MIDI pitch of the bass salience output (D1), paper section 4.2.
BASS_MIN_MIDI = 26
#: Highest MIDI pitch of the bass salience output (G4), paper section 4.2.
BASS_MAX_MIDI = 69
#: The 44 MIDI pitches of the salience output, ``BASS_MIN_MIDI..BASS_MAX_MIDI``.
BASS_PITCHES = np.arange(BASS_MIN_MIDI, BASS_MAX_MIDI + 1)

#: Share of a note's duration, from its onset, whose frames carry its label (section 3.3).
LABEL_FRACTION = 0.75

#: Learning rate of the paper's best configuration, ``10 ** -4.27`` (Table 2).
PAPER_LEARNING_RATE = 10**-4.27
#: Dropout ratio of the paper's best configuration (Table 2).
PAPER_DROPOUT = 0.06
#: Minibatch size of the paper's training (section 4.2).
PAPER_BATCH_SIZE = 250
#: Maximum epochs of the paper's training (section 4.2).
PAPER_EPOCHS = 500
#: Early-stopping patience of the paper's training in epochs (section 4.2).
PAPER_PATIENCE = 25

# --------------------------------------------------------------------------- instruments
# Paper: "Deep convolutional networks on the pitch spiral for musical instrument
# recognition" (sections 4, 5 and 6).

#: Sample rate of the instrument front end in Hz: the top constant-Q bin (MIDI 128,
#: about 13.3 kHz) needs a Nyquist frequency above it.
INSTRUMENT_SR = 44100
#: Hop of the instrument front end in samples (23.2 ms at 44,100 Hz, the paper's 23 ms).
INSTRUMENT_HOP_LENGTH = 1024
#: Centre frequency of the lowest instrument constant-Q bin (A1, 55 Hz).
INSTRUMENT_FMIN = 55.0
#: Number of instrument constant-Q bins (A1 up, 8 octaves, K1 = 96).
INSTRUMENT_N_BINS = 96
#: Frames per instrument excerpt (T = 128, about 3 s).
PATCH_FRAMES = 128
#: Bin ranges ``[start, stop)`` of the pitch spiral's J = 3 half-overlapping two-octave
#: bands, A2 (110 Hz) to A6 (1.76 kHz), in the 96-bin spectrum (section 5.2).
SPIRAL_BANDS = ((12, 36), (24, 48), (36, 60))
#: Bin range ``[start, stop)`` of the 1-d branch's high band, A6 (1.76 kHz) to A9 (section 5.1).
HIGH_BAND = (60, 96)
#: The convnets' weight-sharing strategies (sections 4 and 5), the names of their branches.
BRANCHES = ("2d", "1d", "spiral")
