// Start the GOV.UK Frontend components (error summary focus, radios, notification banners).
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();
