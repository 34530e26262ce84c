package org.lastmile.modularityfixture.beta;

import org.lastmile.modularityfixture.alpha.internal.Hidden;

/** Test fixture: a module that wrongly uses another module's internal type. */
public class Beta {
    Hidden hidden = new Hidden();
}
