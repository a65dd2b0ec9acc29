"""Step 3, don't burn bridges: who the employer's people are, whether the gracious reply
is logged, and when the step counts as done.

The step is done when a thank-you reply about this application is logged with one of
the company's contacts AND at least one of the company's contacts has a keep-in-touch
cadence, so a check-in reminder will come."""

from contacts.models import Contact, Interaction
from feedback.models import Step, StepState


def company_contacts(rejection):
    """The owner's contacts at the rejection's company. Follows rejection.application."""
    application = rejection.application
    return Contact.objects.filter(owner_id=application.owner_id, company_id=application.company_id)


def replies(rejection):
    """Thank-you replies about this application logged with the company's contacts."""
    return Interaction.objects.filter(
        contact__in=company_contacts(rejection),
        kind=Interaction.Kind.THANK_YOU,
        application_id=rejection.application_id,
    )


def progress(rejection):
    """What is still to do on step 3, for its page and its state."""
    return {
        "replied": replies(rejection).exists(),
        "kept": company_contacts(rejection).with_cadence().exists(),
    }


def update_state(rejection):
    """After an action on step 3: done when the reply is logged and a contact is kept,
    else in progress (a step that is done stays done). Returns True when this action
    finished the step."""
    was_done = rejection.state_of(Step.BRIDGES) == StepState.DONE
    facts = progress(rejection)
    done = facts["replied"] and facts["kept"]
    rejection.advance(Step.BRIDGES, StepState.DONE if done else StepState.IN_PROGRESS)
    return done and not was_done


def log_reply(rejection, contact, happened_on, message):
    """Records the gracious reply as a thank-you interaction about the application,
    which moves the contact's last contact and next check-in on."""
    return contact.log_interaction(
        happened_on=happened_on,
        kind=Interaction.Kind.THANK_YOU,
        summary=message,
        application=rejection.application,
    )


def default_recipient(contacts, wanted=None):
    """Who the draft is addressed to: the contact asked for (by id, among the company's
    contacts only), else the first with an email address, else the first, else nobody."""
    by_id = {str(contact.pk): contact for contact in contacts}
    if wanted and wanted in by_id:
        return by_id[wanted]
    with_email = [contact for contact in contacts if contact.email]
    return (with_email or contacts or [None])[0]
