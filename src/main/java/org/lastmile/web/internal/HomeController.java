package org.lastmile.web.internal;

import org.lastmile.platform.AllowAuthenticated;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
@AllowAuthenticated
class HomeController {

    @GetMapping("/")
    String home() {
        return "web/home";
    }
}
