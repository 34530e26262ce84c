package org.lastmile.platform.internal;

import org.lastmile.platform.StartupTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import java.util.Comparator;

/** Runs every {@link StartupTask} in order once the beans exist and before the port opens. */
@Component
class StartupTasks implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StartupTasks.class);
    private final ObjectProvider<StartupTask> tasks;

    StartupTasks(ObjectProvider<StartupTask> tasks) {
        this.tasks = tasks;
    }

    @Override
    public void afterSingletonsInstantiated() {
        tasks.orderedStream().sorted(Comparator.comparingInt(StartupTask::order)).forEach(task -> {
            log.debug("Startup task {}", task.getClass().getSimpleName());
            task.run();
        });
    }
}
